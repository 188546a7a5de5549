package dev.chorus.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the numbers were measured on. */
public record MachineInfo(
        int cores,
        String cpuModel,
        long memoryMiB,
        String os,
        String javaVersion,
        String javaVm,
        long benchMaxHeapMiB,
        String postgresVersion,
        double loadAverageAtStart,
        double loadAverageAtEnd) {

    /** This machine now; the PostgreSQL version is asked of the server under test. */
    public static MachineInfo detect(String postgresVersion, double loadAtStart) {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                detectCpuModel().orElse("unknown"),
                detectMemoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                postgresVersion,
                loadAtStart,
                loadAverage());
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Optional<String> detectCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long detectMemoryMiB() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
