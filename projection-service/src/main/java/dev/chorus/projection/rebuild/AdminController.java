package dev.chorus.projection.rebuild;

import dev.chorus.projection.rebuild.verify.VerificationReport;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin operations on the read model (docs/operations-rebuild.md). Thin: {@link RebuildService} does the work. */
@RestController
@RequestMapping("/admin")
class AdminController {

    /** GET /admin/rebuild: the current or last run, and what is around. */
    record Overview(boolean eventStoreConfigured, RebuildStatus run, List<String> retiredSchemas) {}

    private final RebuildService rebuilds;

    AdminController(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** Starts a full rebuild in the background: 202, follow it with GET /admin/rebuild. */
    @PostMapping("/rebuild")
    ResponseEntity<RebuildStatus> rebuild() {
        RebuildStatus started = rebuilds.startFullRebuild();
        return ResponseEntity.accepted().location(URI.create("/admin/rebuild")).body(started);
    }

    @GetMapping("/rebuild")
    Overview status() {
        return new Overview(rebuilds.eventStoreConfigured(), rebuilds.status(), rebuilds.retiredSchemas());
    }

    @PostMapping("/rebuild/conversation/{conversationId}")
    PartialRebuildResult rebuildConversation(@PathVariable UUID conversationId) {
        return rebuilds.rebuildConversation(conversationId);
    }

    @PostMapping("/rebuild/user/{userId}")
    PartialRebuildResult rebuildUser(@PathVariable long userId) {
        return rebuilds.rebuildUser(userId);
    }

    /** Recomputes the read model from the events and returns every differing row (as long as a rebuild takes). */
    @PostMapping("/verify")
    VerificationReport verify() {
        return rebuilds.verify();
    }
}
