package dev.chorus.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a service's {@code /actuator/prometheus} and sums every sample by metric name (labels
 * dropped), so a workload can report what the service itself counted during a phase (fan-out
 * statements and rows, batches) as the difference of two scrapes.
 */
public final class PrometheusScrape {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Double> totals;

    private PrometheusScrape(Map<String, Double> totals) {
        this.totals = totals;
    }

    /** Scrapes {@code base}/actuator/prometheus; an empty scrape when the endpoint does not answer. */
    public static PrometheusScrape of(URI base) {
        if (base == null) {
            return new PrometheusScrape(Map.of());
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : new PrometheusScrape(Map.of());
        } catch (java.io.IOException e) {
            return new PrometheusScrape(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PrometheusScrape(Map.of());
        }
    }

    static PrometheusScrape parse(String text) {
        Map<String, Double> totals = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            String name = brace > 0 && brace < space
                    ? line.substring(0, brace)
                    : line.substring(0, space).trim();
            try {
                totals.merge(name, Double.parseDouble(line.substring(space + 1).trim()), Double::sum);
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return new PrometheusScrape(totals);
    }

    public boolean isEmpty() {
        return totals.isEmpty();
    }

    public double get(String name) {
        return totals.getOrDefault(name, 0.0);
    }

    /** The first of {@code names} this scrape has (meter names gain a unit suffix in Prometheus). */
    public double sinceAny(PrometheusScrape earlier, String... names) {
        for (String name : names) {
            if (totals.containsKey(name)) {
                return since(earlier, name);
            }
        }
        return 0;
    }

    /** {@code this - earlier} for one metric. */
    public double since(PrometheusScrape earlier, String name) {
        return get(name) - earlier.get(name);
    }
}
