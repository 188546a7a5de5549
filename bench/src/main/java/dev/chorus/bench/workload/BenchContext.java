package dev.chorus.bench.workload;

import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.bench.Profile;
import dev.chorus.bench.data.LoadedData;
import dev.chorus.bench.data.ReadDataLoader;
import dev.chorus.bench.data.ReadDataPlan;
import dev.chorus.bench.report.ReportBuilder;
import dev.chorus.bench.system.ChorusClient;
import dev.chorus.bench.system.SystemUnderTest;
import java.time.Instant;

/** What every workload gets: the profile, the system, a pool on the read-model database, the report. */
public final class BenchContext implements AutoCloseable {

    /** Connections of the shared pool: enough for the highest read concurrency plus pollers. */
    public static final int POOL_SIZE = 20;

    private final Profile profile;
    private final SystemUnderTest system;
    private final ReportBuilder report;
    private final HikariDataSource readModel;
    private HikariDataSource customPlans;
    private ChorusClient client;
    private LoadedData readData;
    private boolean readWarm;

    public BenchContext(Profile profile, SystemUnderTest system, ReportBuilder report) {
        this.profile = profile;
        this.system = system;
        this.report = report;
        this.readModel = system.readModel().pool("read-model", POOL_SIZE);
    }

    public Profile profile() {
        return profile;
    }

    public SystemUnderTest system() {
        return system;
    }

    public ReportBuilder report() {
        return report;
    }

    /** The read-model database, which also holds the baselines' schemas. */
    public HikariDataSource readModel() {
        return readModel;
    }

    /**
     * A second pool whose statements are never server-prepared ({@code prepareThreshold=0}), so
     * PostgreSQL plans every execution with its parameter values (a custom plan). Used to show how
     * much of a query's cost is its generic plan.
     */
    public synchronized HikariDataSource readModelCustomPlans() {
        if (customPlans == null) {
            customPlans =
                    system.readModel().pool("read-model-custom-plans", 16, java.util.Map.of("prepareThreshold", "0"));
        }
        return customPlans;
    }

    public synchronized ChorusClient client() {
        if (client == null) {
            client = new ChorusClient(system);
        }
        return client;
    }

    /** The read workloads' data set, bulk-loaded on first use and shared afterwards. */
    public synchronized LoadedData readData() {
        if (readData == null) {
            Profile.ReadData spec = profile.readData();
            ReadDataPlan plan = ReadDataPlan.create(
                    spec.seed(),
                    spec.tiers(),
                    spec.usersPerTier(),
                    spec.groups(),
                    spec.messagesPerGroup(),
                    spec.messagesPerDm(),
                    Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            long started = System.nanoTime();
            readData = new ReadDataLoader(readModel).load(plan);
            report.setting("read data: load time (s)", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        return readData;
    }

    /** True the first time it is asked: whoever asks first warms the read path up. */
    public synchronized boolean claimReadWarmUp() {
        boolean first = !readWarm;
        readWarm = true;
        return first;
    }

    @Override
    public void close() {
        if (customPlans != null) {
            customPlans.close();
        }
        readModel.close();
    }
}
