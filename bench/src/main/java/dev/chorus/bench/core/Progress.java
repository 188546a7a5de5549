package dev.chorus.bench.core;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A progress line while a phase runs: rewritten in place on a terminal, one line every few seconds
 * otherwise (so a log file stays readable). Close it when the phase ends.
 */
public final class Progress implements AutoCloseable {

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private volatile String last = "";

    private Progress(PrintStream out, boolean terminal, Supplier<String> line) {
        this.out = out;
        this.terminal = terminal;
        long periodMillis = terminal ? 1_000 : 5_000;
        ticker.scheduleAtFixedRate(() -> print(line), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts printing {@code line} for phase {@code phase}. */
    public static Progress start(String phase, Supplier<String> line) {
        PrintStream out = System.err;
        boolean terminal = System.console() != null;
        out.println("[bench] " + phase);
        return new Progress(out, terminal, line);
    }

    private void print(Supplier<String> line) {
        try {
            String text = String.format("  %5.1fs %s", (System.nanoTime() - startNanos) / 1e9, line.get());
            last = text;
            if (terminal) {
                out.print("\r" + text + "\u001b[K");
            } else {
                out.println(text);
            }
            out.flush();
        } catch (RuntimeException e) {
            // A failing progress supplier must never stop the benchmark.
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (terminal && !last.isEmpty()) {
            out.println();
        }
    }
}
