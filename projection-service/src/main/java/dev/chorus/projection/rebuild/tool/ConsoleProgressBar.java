package dev.chorus.projection.rebuild.tool;

import dev.chorus.projection.rebuild.Phase;
import dev.chorus.projection.rebuild.RebuildStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Draws a run's progress on a terminal: {@code [replaying] [#######-----]  58%  580,000/1,000,000
 * events  9,812 ev/s  ETA 0:43}. On a terminal it redraws one line; otherwise (a log file, a pipe)
 * it prints a line every few seconds.
 */
public final class ConsoleProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final Supplier<RebuildStatus> status;
    private final PrintStream out;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;
    private String lastLine = "";

    public ConsoleProgressBar(Supplier<RebuildStatus> status, PrintStream out, boolean terminal) {
        this.status = status;
        this.out = out;
        this.terminal = terminal;
        this.thread = new Thread(this::loop, "rebuild-progress");
        this.thread.setDaemon(true);
    }

    public ConsoleProgressBar start() {
        thread.start();
        return this;
    }

    private void loop() {
        long period = terminal ? 250 : 5_000;
        while (running) {
            draw(false);
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw(boolean last) {
        RebuildStatus current = status.get();
        if (current.phase() == Phase.IDLE) {
            return; // the run has not registered yet
        }
        String line = render(current);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            if (last) {
                out.println();
            }
        } else if (!line.equals(lastLine)) {
            out.println(line);
        }
        out.flush();
        lastLine = line;
    }

    /** One progress line for a status snapshot. */
    public static String render(RebuildStatus s) {
        int filled = (int) Math.round(s.percent() / 100.0 * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = s.etaSeconds() == null ? "--:--" : clock(Duration.ofSeconds(s.etaSeconds()));
        return String.format(
                Locale.ROOT,
                "[%s] [%s] %3.0f%%  %,d/%,d events  %,d ev/s  ETA %s  elapsed %s",
                s.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                bar,
                s.percent(),
                s.eventsReplayed(),
                s.eventsTotal(),
                s.eventsPerSecond(),
                eta,
                clock(Duration.ofMillis(Math.round(s.elapsedSeconds() * 1000))));
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw(true);
    }
}
