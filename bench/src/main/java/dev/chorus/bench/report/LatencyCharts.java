package dev.chorus.bench.report;

import dev.chorus.bench.core.LatencyStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Percentile-spectrum plots (the usual HdrHistogram view): x = 1/(1-percentile) on a log axis, so
 * p50, p90, p99, p99.9 are evenly spaced; y = latency in ms on a log axis.
 */
public final class LatencyCharts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LatencyCharts() {}

    public static XYChart chart(BenchReport report, ChartSpec spec) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title(spec.title())
                .xAxisTitle("percentile (log scale of 1/(1-p): 50%, 90%, 99%, 99.9%, 99.99%)")
                .yAxisTitle("latency (ms, log scale)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        int added = 0;
        for (ChartSpec.Series s : spec.series()) {
            LatencyStats stats = report.measurements().stream()
                    .filter(m -> m.id().equals(s.measurementId()))
                    .map(m -> m.latency(s.latency()))
                    .findFirst()
                    .orElse(LatencyStats.EMPTY);
            double[][] xy = spectrum(stats.decodeHistogram());
            if (xy[0].length < 2) {
                continue;
            }
            String label = s.label();
            while (chart.getSeriesMap().containsKey(label)) {
                label = label + " ";
            }
            chart.addSeries(label, xy[0], xy[1]).setMarker(SeriesMarkers.NONE);
            added++;
        }
        if (added == 0) {
            chart.addSeries("no data", new double[] {2, 10}, new double[] {1, 1})
                    .setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Points of the percentile spectrum: x = 1/(1-p), y = ms; the 100th percentile is left out. */
    static double[][] spectrum(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        if (micros.getTotalCount() > 0) {
            for (HistogramIterationValue v : micros.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0) {
                    break;
                }
                double ms = Math.max(v.getValueIteratedTo() / 1000.0, 0.001);
                points.add(new double[] {1.0 / (1.0 - p), ms});
            }
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    /** Writes each chart to {@code <base>-<id>.png} and all of them, one above the other, to {@code <base>.png}. */
    public static List<Path> write(BenchReport report, Path directory, String base) throws IOException {
        List<Path> files = new ArrayList<>();
        List<XYChart> all = new ArrayList<>();
        for (ChartSpec spec : report.charts()) {
            XYChart chart = chart(report, spec);
            all.add(chart);
            Path file = directory.resolve(base + "-" + spec.id() + ".png");
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        if (!all.isEmpty()) {
            // XChart's grid needs rows x cols charts exactly: one column always fits.
            int cols = 1;
            int rows = all.size();
            Path grid = directory.resolve(base + ".png");
            BitmapEncoder.saveBitmap(all, rows, cols, grid.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(0, grid);
        }
        return files;
    }
}
