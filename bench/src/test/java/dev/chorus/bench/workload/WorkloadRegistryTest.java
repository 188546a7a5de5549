package dev.chorus.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadRegistryTest {

    @Test
    void selectsInRegistryOrderAndRejectsUnknownIds() {
        WorkloadRegistry registry = WorkloadRegistry.standard();

        assertThat(registry.select(List.of("read-history", "write-fanout")))
                .extracting(Workload::id)
                .containsExactly("write-fanout", "read-history");
        assertThat(registry.select(List.of())).hasSize(registry.all().size());
        assertThatThrownBy(() -> registry.select(List.of("rebuild"))).hasMessageContaining("Unknown workload rebuild");
    }

    @Test
    void aNewWorkloadPlugsIn() {
        Workload rebuild = new Workload() {
            @Override
            public String id() {
                return "rebuild";
            }

            @Override
            public String description() {
                return "issue 6";
            }

            @Override
            public void run(BenchContext context) {}
        };
        assertThat(WorkloadRegistry.standard().register(rebuild).select(List.of("rebuild")))
                .containsExactly(rebuild);
        assertThatThrownBy(() -> WorkloadRegistry.standard().register(new InboxReadWorkload()))
                .hasMessageContaining("twice");
    }

    @Test
    void theWriteStreamIsTheSameForTheSystemAndTheNaiveBaseline() {
        var phase = new dev.chorus.bench.Profile.WritePhase(100, 3, 10, java.time.Duration.ofSeconds(2));
        WriteGroups a = WriteGroups.of(phase, 1);
        WriteGroups b = WriteGroups.of(phase, 1);
        assertThat(phase.messages()).isEqualTo(20);
        for (long i = 0; i < phase.messages(); i++) {
            assertThat(a.senderOf(i)).isEqualTo(b.senderOf(i));
            assertThat(a.members().get(a.groupOf(i))).contains(a.senderOf(i));
        }
        assertThat(a.recipients()).isEqualTo(99);
    }
}
