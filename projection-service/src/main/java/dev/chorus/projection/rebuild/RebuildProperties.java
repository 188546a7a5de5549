package dev.chorus.projection.rebuild;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of rebuilds, partial rebuilds and verification (see docs/operations-rebuild.md).
 *
 * @param eventStore the command side's event store (read only); without a URL every rebuild and
 *     verification answers 503
 * @param liveSchema the schema query-service and the live projection read and write through their
 *     default search_path; a full rebuild swaps a fresh schema in under this name
 * @param pageSize events per read from the event store and per replay transaction
 * @param switchBacklog catch up without blocking the live projection until at most this many events
 *     are left; the rest is replayed inside the switch transaction
 * @param maxCatchUpPasses catch-up passes before switching anyway
 * @param switchLockTimeout how long the switch waits for the live tables (for the projection's
 *     current batch to commit) before the rebuild fails instead
 * @param gapTimeout a hole in the event store's global_index whose next event is older than this is
 *     taken to be a rolled-back transaction and no longer waited for (Axon's gap timeout is 60 s too)
 * @param deferredIndexes indexes dropped while a fresh schema is bulk-loaded and created once
 *     afterwards (building an index once is cheaper than maintaining it through a million inserts)
 * @param maintenanceWorkMem PostgreSQL's maintenance_work_mem while the deferred indexes are built
 * @param admin who may call /admin/**
 * @param verify how verification copes with a live projection that keeps moving
 */
@Validated
@ConfigurationProperties("chorus.rebuild")
public record RebuildProperties(
        @NotNull @DefaultValue EventStore eventStore,
        @NotBlank @DefaultValue("public") String liveSchema,
        @Min(100) @DefaultValue("20000") int pageSize,
        @Min(0) @DefaultValue("5000") long switchBacklog,
        @Min(1) @DefaultValue("20") int maxCatchUpPasses,
        @NotNull @DefaultValue("60s") Duration switchLockTimeout,
        @NotNull @DefaultValue("60s") Duration gapTimeout,
        @NotNull
                @DefaultValue({
                    "message_search",
                    "user_inbox_page",
                    "conversation_member_fanned_out_on_read",
                    "conversation_member_by_user"
                })
                List<String> deferredIndexes,
        @NotBlank @DefaultValue("512MB") String maintenanceWorkMem,
        @NotNull @DefaultValue Admin admin,
        @NotNull @DefaultValue Verify verify) {

    /**
     * The event store connection (a second, read-only pool).
     *
     * @param url JDBC URL ({@code EVENT_STORE_URL}); blank = not configured
     */
    public record EventStore(String url, String username, String password, @Min(1) @DefaultValue("3") int poolSize) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "EventStore[url=" + url + ", username=" + username + ", password=<hidden>]";
        }
    }

    /**
     * Admin callers: a bearer token (the same HS256 JWT as everywhere) whose {@code sub} is one of
     * {@code userIds}, or whose {@code roles} claim contains {@code role}, or whose {@code scope} /
     * {@code scp} claim contains {@code scope}.
     */
    public record Admin(
            @NotNull @DefaultValue({}) Set<Long> userIds,
            @NotBlank @DefaultValue("admin") String role,
            @NotBlank @DefaultValue("chorus.admin") String scope) {}

    /**
     * @param attempts looks at the live read model; differences must show in two consecutive looks
     *     to be reported (a row that only lagged behind the event store changes in between)
     * @param settle pause between two looks
     * @param maxDifferencesPerTable rows listed per table and direction (the counts stay exact up to it)
     */
    public record Verify(
            @Min(2) @DefaultValue("5") int attempts,
            @NotNull @DefaultValue("1s") Duration settle,
            @Min(1) @DefaultValue("1000") int maxDifferencesPerTable) {}
}
