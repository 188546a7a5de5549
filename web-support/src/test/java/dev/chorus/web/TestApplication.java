package dev.chorus.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A dummy service that exercises the auto-configuration the way the real services do. */
@SpringBootApplication
class TestApplication {

    record Greeting(@NotBlank String name, @Positive int count) {}

    @RestController
    static class DummyController {

        @GetMapping("/api/me")
        Map<String, Object> me(CurrentUser user) {
            return Map.of("userId", user.id());
        }

        @PostMapping(path = "/api/greetings", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> greet(@Valid @RequestBody Greeting greeting, CurrentUser user) {
            return Map.of("from", user.id(), "name", greeting.name(), "count", greeting.count());
        }

        @GetMapping("/api/items/{id}")
        Map<String, Object> item(@PathVariable long id, @RequestParam String scope) {
            return Map.of("id", id, "scope", scope);
        }

        @GetMapping("/api/forbidden")
        void forbidden() {
            throw new ChorusException.Forbidden("not-a-member", "You are not a member of conversation 42");
        }

        @GetMapping("/api/denied")
        void denied() {
            throw new AccessDeniedException("admins only");
        }

        @GetMapping("/api/missing")
        void missing() {
            throw new ChorusException.NotFound("conversation-not-found", "No conversation 42");
        }

        @GetMapping("/api/busy")
        void busy() {
            throw new ChorusException.ServiceUnavailable("not-yet-consistent", "Try again", Duration.ofSeconds(3));
        }

        @GetMapping("/api/bug")
        void bug() {
            throw new IllegalStateException("secret internals");
        }
    }
}
