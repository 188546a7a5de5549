package dev.chorus.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void sumsSamplesByNameAcrossLabelsAndDiffsTwoScrapes() {
        PrometheusScrape before = PrometheusScrape.parse(
                """
                # HELP chorus_projection_fanout_rows_total rows
                # TYPE chorus_projection_fanout_rows_total counter
                chorus_projection_fanout_rows_total 100.0
                chorus_projection_events_applied_total{type="MessageSent",} 3.0
                chorus_projection_events_applied_total{type="MembersAdded",} 2.0
                """);
        PrometheusScrape after = PrometheusScrape.parse(
                """
                chorus_projection_fanout_rows_total 1100.0
                chorus_projection_events_applied_total{type="MessageSent",} 13.0
                chorus_projection_events_applied_total{type="MembersAdded",} 2.0
                jvm_info{version="17"} 1
                """);

        assertThat(after.since(before, "chorus_projection_fanout_rows_total")).isEqualTo(1000.0);
        assertThat(after.since(before, "chorus_projection_events_applied_total"))
                .isEqualTo(10.0);
        assertThat(after.get("absent")).isZero();
        assertThat(PrometheusScrape.of(null).isEmpty()).isTrue();
    }
}
