package dev.chorus.devstack;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The progress line while the stack starts. On a terminal it is one line redrawn in place; otherwise
 * (a pipe, a log file, a test reading the output) one line per change.
 */
final class ConsoleProgress implements StackListener {

    private final PrintStream out;
    private final boolean interactive;
    private final long startedNanos = System.nanoTime();
    private final Map<String, ComponentStatus> components = new LinkedHashMap<>();
    private int lastLength;

    ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void onStatus(String component, ComponentStatus status) {
        components.put(component, status);
        if (interactive) {
            redraw();
        } else {
            out.printf(
                    Locale.ROOT,
                    "[%5.1fs] %s %s%n",
                    elapsedSeconds(),
                    component,
                    status == ComponentStatus.READY ? "ready" : "starting");
        }
    }

    @Override
    public synchronized void onTick() {
        if (interactive) {
            redraw();
        }
    }

    /** Ends the redrawn line so that what follows starts on a fresh one. */
    synchronized void finish() {
        if (interactive && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }

    String line() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%3.0fs] starting:", elapsedSeconds()));
        components.forEach((name, status) -> line.append(' ')
                .append(name)
                .append(status == ComponentStatus.READY ? " ok" : " ..")
                .append(' '));
        return line.toString().stripTrailing();
    }

    private void redraw() {
        String line = line();
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print('\r' + line + padding);
        out.flush();
        lastLength = line.length();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
