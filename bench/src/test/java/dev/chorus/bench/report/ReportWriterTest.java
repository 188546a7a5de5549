package dev.chorus.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.bench.core.LatencyRecorder;
import dev.chorus.bench.core.LatencyStats;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private static LatencyStats latencies(long baseMicros) {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 1_000; i++) {
            r.recordNanos((baseMicros + i) * 1_000);
        }
        return r.stats();
    }

    private BenchReport report() {
        ReportBuilder b = new ReportBuilder();
        Measurement chorus = b.add(Measurement.builder("read-inbox", "chorus", "SQL")
                .param("conversations", 500)
                .param("concurrency", 4)
                .latency("request", latencies(100))
                .rate("requests/s", 4321.5)
                .count("requests", 1000)
                .build());
        Measurement baseline = b.add(Measurement.builder("read-inbox", "fan-out-on-read", "SQL")
                .param("conversations", 500)
                .param("concurrency", 4)
                .latency("request", latencies(20_000))
                .rate("requests/s", 321.5)
                .build());
        b.compare(Comparison.latency(
                "inbox c=4",
                "p99 ms",
                chorus,
                chorus.latency("request").p99Ms(),
                baseline,
                baseline.latency("request").p99Ms()));
        b.goal(new Goal("inbox p99", "< 10 ms", "1.1 ms", true, ""));
        b.note("the machine was shared");
        b.setting("profile detail", "x");
        b.chart(new ChartSpec(
                "inbox",
                "Inbox",
                List.of(
                        new ChartSpec.Series("chorus", chorus.id(), "request"),
                        new ChartSpec.Series("baseline", baseline.id(), "request"))));
        MachineInfo machine = MachineInfo.detect("17.7", 0.5);
        return b.build(
                "test-report", "quick", "java -jar bench.jar", Instant.parse("2026-01-01T00:00:00Z"), 12.5, machine);
    }

    @Test
    void writesMarkdownJsonAndRenderablePngs() throws Exception {
        List<Path> files = ReportWriter.write(report(), dir);

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains("test-report.md", "test-report.json", "test-report.png", "test-report-inbox.png");
        String md = Files.readString(dir.resolve("test-report.md"));
        assertThat(md)
                .contains("| inbox p99 | < 10 ms | 1.1 ms | **met** |")
                .contains("the machine was shared")
                .contains("4,322")
                .contains("![test-report-inbox.png](test-report-inbox.png)")
                .contains("| cores |");
        BufferedImage png = ImageIO.read(dir.resolve("test-report-inbox.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(560);
    }

    @Test
    void theJsonKeepsEveryFigureAndTheHistogramsThemselves() throws Exception {
        BenchReport report = report();
        ReportWriter.write(report, dir);

        JsonNode json =
                ReportWriter.json().readTree(dir.resolve("test-report.json").toFile());
        JsonNode first = json.path("measurements").get(0);
        assertThat(first.path("rates").path("requests/s").asDouble()).isEqualTo(4321.5);
        assertThat(json.path("comparisons").get(0).path("ratio").asDouble()).isGreaterThan(10);
        LatencyStats back =
                ReportWriter.json().treeToValue(first.path("latencies").path("request"), LatencyStats.class);
        assertThat(back.decodeHistogram().getTotalCount()).isEqualTo(1_000);
        assertThat(back.decodeHistogram().getValueAtPercentile(99))
                .isEqualTo(report.measurements()
                        .get(0)
                        .latency("request")
                        .decodeHistogram()
                        .getValueAtPercentile(99));
    }

    @Test
    void ratiosAreOrientedSoThatLargerIsBetterForTheSystem() {
        Measurement a = Measurement.builder("w", "chorus", "SQL").build();
        Measurement b = Measurement.builder("w", "base", "SQL").build();
        assertThat(Comparison.latency("l", "p99", a, 2, b, 20).ratio()).isEqualTo(10);
        assertThat(Comparison.throughput("t", "rps", a, 500, b, 50).ratio()).isEqualTo(10);
    }
}
