package dev.chorus.devstack;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ParameterException;
import sun.misc.Signal;

/**
 * {@code java -jar dev-stack-exec.jar [options]}: starts the stack, prints where everything is, runs until
 * Ctrl-C or SIGTERM, then stops the services, Kafka and PostgreSQL in that order.
 */
public final class DevStackMain {

    /** Exit codes: 0 normal stop, 1 could not start, 2 bad command line. */
    static final int FAILED = 1;

    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Thread mainThread = Thread.currentThread();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean starting = true;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    DevStackMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DevStackMain(System.out, System.err).run(args));
    }

    int run(String[] args) {
        picocli.CommandLine parser = new picocli.CommandLine(new CommandLine());
        parser.setOut(new PrintWriter(out, true));
        parser.setErr(new PrintWriter(err, true));
        Options options;
        try {
            picocli.CommandLine.ParseResult parsed = parser.parseArgs(args);
            if (picocli.CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            options = ((CommandLine) parser.getCommand()).toOptions();
        } catch (ParameterException | IllegalArgumentException e) {
            err.println(e.getMessage());
            parser.usage(err);
            return USAGE;
        }
        configureLogging(options.dataDir().toAbsolutePath().normalize().resolve("logs"));
        installStopHandlers();

        out.println(
                "Starting Chorus (data in " + options.dataDir().toAbsolutePath().normalize() + ", logs in "
                        + options.dataDir().toAbsolutePath().normalize().resolve("logs") + ")");
        ConsoleProgress progress = new ConsoleProgress(out, System.console() != null);
        LocalStack stack;
        try {
            stack = LocalStack.start(options, progress);
            // Fallback for exits that bypass the signal handlers; close() is idempotent.
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dev-stack-shutdown"));
        } catch (RuntimeException e) {
            progress.finish();
            if (stopRequested.get()) {
                out.println("Stopped before it was ready.");
                return 0;
            }
            err.println("Chorus did not start: " + e.getMessage());
            return FAILED;
        }
        starting = false;
        Thread.interrupted();
        progress.finish();
        try {
            DemoSeeder.Summary seeded = null;
            if (options.seed()) {
                out.println("Seeding demo data through the API...");
                try {
                    seeded = new DemoSeeder(stack).seed();
                } catch (RuntimeException e) {
                    // The stack itself is fine; say what failed and keep it running.
                    err.println("Seeding failed (the stack keeps running without demo data): " + e.getMessage());
                }
            }
            out.print(ReadyBanner.render(ReadyBanner.modelOf(stack, seeded)));
            out.flush();
            awaitStopSignal();
            return 0;
        } catch (RuntimeException e) {
            err.println("Chorus failed after start-up: " + e.getMessage());
            return FAILED;
        } finally {
            out.println("Stopping: services, then Kafka, then PostgreSQL...");
            stack.close();
            out.println("Stopped.");
            out.flush();
        }
    }

    /**
     * SIGINT (Ctrl-C), SIGTERM and SIGHUP get an orderly stop on the main thread instead of the JVM's
     * default, which runs every shutdown hook at once (PostgreSQL's among them) while services still talk to
     * it. A shutdown hook stays as the fallback for any other exit.
     */
    private void installStopHandlers() {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> requestStop());
            } catch (IllegalArgumentException e) {
                // Signal not supported on this platform (or reserved by the JVM): the shutdown hook covers it.
            }
        }
    }

    private void requestStop() {
        if (stopRequested.compareAndSet(false, true)) {
            if (starting) {
                // Interrupt the wait for readiness; LocalStack.start then stops what it had started.
                mainThread.interrupt();
            }
            stopSignal.countDown();
        }
    }

    private void awaitStopSignal() {
        while (true) {
            try {
                stopSignal.await();
                return;
            } catch (InterruptedException e) {
                if (stopRequested.get()) {
                    return;
                }
            }
        }
    }

    /** Before the first logger exists: everything to dev-stack.log, only warnings to the console. */
    private static void configureLogging(Path logsDir) {
        System.setProperty("devstack.logs", logsDir.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev-stack-logback.xml");
        }
    }
}
