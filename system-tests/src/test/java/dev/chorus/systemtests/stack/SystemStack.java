package dev.chorus.systemtests.stack;

import dev.chorus.devstack.ChorusService;
import dev.chorus.devstack.LocalStack;
import dev.chorus.devstack.Options;
import dev.chorus.devstack.StackListener;
import dev.chorus.systemtests.api.ChorusApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one running system of this test JVM: {@code @ExtendWith(SystemStack.class)} and take a
 * {@link SystemStack.Running} parameter. The first test class to ask starts a {@link LocalStack} (embedded
 * PostgreSQL, a KRaft broker, and the three services as child JVMs from their exec jars, with the
 * environment production uses); every later class reuses it, and it stops when the test plan ends.
 * Starting takes a minute or more on two cores, so a failed start is remembered, not retried per class.
 *
 * <p>The stack runs with projection-service's large-group threshold at {@value #LARGE_GROUP_THRESHOLD}
 * members, so a group of five or more is fanned out on read, and DMs and groups of up to four are fanned
 * out on write: every test can pick its path by its group's size (see {@link FanOut}).
 */
public final class SystemStack implements BeforeAllCallback, ParameterResolver {

    /** projection-service's {@code chorus.projection.large-group-threshold} in this stack. */
    public static final int LARGE_GROUP_THRESHOLD = 4;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return running(context);
    }

    private static Running running(ExtensionContext context) {
        Holder holder = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, key -> Holder.start(), Holder.class);
        return holder.get();
    }

    /** The started stack, or why it did not start; closed by JUnit at the end of the test plan. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource {

        private final Running running;
        private final RuntimeException failure;

        private Holder(Running running, RuntimeException failure) {
            this.running = running;
            this.failure = failure;
        }

        static Holder start() {
            Path dataDir = Path.of(System.getProperty("systemtests.target", "target"), "system-stack")
                    .toAbsolutePath();
            Options options = Options.ephemeral(dataDir)
                    .withReadinessTimeout(Duration.ofMinutes(5))
                    .withServiceEnv(Map.of(
                            "CHORUS_PROJECTION_LARGE_GROUP_THRESHOLD",
                            Integer.toString(LARGE_GROUP_THRESHOLD),
                            // Reads with a token wait at most this long; generous, the machine is shared.
                            "CHORUS_QUERY_CONSISTENCY_WAIT",
                            "20s"));
            long began = System.nanoTime();
            try {
                LocalStack stack = LocalStack.start(options, StackListener.SILENT);
                System.out.printf(
                        "System stack ready in %d s: command %s, query %s, projection %s; logs in %s%n",
                        Duration.ofNanos(System.nanoTime() - began).toSeconds(),
                        stack.baseUrl(ChorusService.COMMAND),
                        stack.baseUrl(ChorusService.QUERY),
                        stack.baseUrl(ChorusService.PROJECTION),
                        stack.logsDir());
                return new Holder(new Running(stack), null);
            } catch (RuntimeException e) {
                return new Holder(null, e);
            }
        }

        Running get() {
            if (failure != null) {
                throw new IllegalStateException("The system stack did not start: " + failure.getMessage(), failure);
            }
            return running;
        }

        @Override
        public void close() {
            if (running != null) {
                running.stack.close();
            }
        }
    }

    /** What a test gets: the APIs, fresh user ids, and the side doors used to check premises. */
    public static final class Running {

        /** Every test takes fresh users, so tests never see each other's conversations. */
        private static final AtomicLong NEXT_USER = new AtomicLong(1_000);

        private final LocalStack stack;
        private final ChorusApi api;
        private final ReadModelProbe readModel;

        Running(LocalStack stack) {
            this.stack = stack;
            this.api = new ChorusApi(
                    stack.baseUrl(ChorusService.COMMAND), stack.baseUrl(ChorusService.QUERY), stack.tokens());
            this.readModel = new ReadModelProbe(
                    stack.jdbcUrl(LocalStack.READ_DATABASE), stack.databaseUsername(), stack.databasePassword());
        }

        public ChorusApi api() {
            return api;
        }

        /** {@code count} user ids nobody has used yet in this stack. */
        public long[] newUsers(int count) {
            long first = NEXT_USER.getAndAdd(count);
            long[] ids = new long[count];
            for (int i = 0; i < count; i++) {
                ids[i] = first + i;
            }
            return ids;
        }

        public long newUser() {
            return newUsers(1)[0];
        }

        public ReadModelProbe readModel() {
            return readModel;
        }

        public String kafkaBootstrapServers() {
            return stack.kafkaBootstrapServers();
        }

        public LocalStack stack() {
            return stack;
        }
    }
}
