package dev.chorus.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each service's runnable jar. The build copies them to {@code dev-stack/target/services/<module>.jar},
 * next to the dev-stack jar; a run from an IDE or from the repository root falls back to the modules'
 * own {@code target/<module>-<version>-exec.jar}.
 */
public final class ServiceJars {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /** Same as {@code --services-dir}, for callers of the Java API that cannot pass options. */
    public static final String SERVICES_DIR_PROPERTY = "chorus.devstack.services-dir";

    private ServiceJars() {}

    /**
     * @param explicitDir a directory holding {@code <module>.jar} files; null: the system property
     *     {@value #SERVICES_DIR_PROPERTY}, else the usual places
     * @throws StartupException naming every place searched and the command that builds the jars
     */
    public static Map<ChorusService, Path> locate(Path explicitDir) {
        if (explicitDir == null && System.getProperty(SERVICES_DIR_PROPERTY) != null) {
            explicitDir = Path.of(System.getProperty(SERVICES_DIR_PROPERTY));
        }
        List<Path> searchDirs = new ArrayList<>();
        if (explicitDir != null) {
            searchDirs.add(explicitDir);
        } else {
            Path ownLocation = ownJarDirectory();
            if (ownLocation != null) {
                searchDirs.add(ownLocation.resolve("services"));
            }
            // From the repository root, or from a sibling module's directory (bench, IDE runs).
            searchDirs.add(Path.of("dev-stack", "target", "services"));
            searchDirs.add(Path.of("..", "dev-stack", "target", "services"));
        }
        Map<ChorusService, Path> jars = new EnumMap<>(ChorusService.class);
        List<String> missing = new ArrayList<>();
        for (ChorusService service : ChorusService.values()) {
            List<Path> candidates = candidates(service, searchDirs, explicitDir == null);
            Path found =
                    candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
            if (found == null) {
                missing.add(service.artifactId() + " (looked for " + candidates + ")");
            } else {
                jars.put(service, found.toAbsolutePath().normalize());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("Cannot find the runnable jar of " + String.join("; ", missing)
                    + ". Build them first from the repository root: ./mvnw -B -q -DskipTests -pl dev-stack -am"
                    + " package (the ./chorus script does this), or point --services-dir at a directory with"
                    + " <module>.jar files.");
        }
        return jars;
    }

    static List<Path> candidates(ChorusService service, List<Path> searchDirs, boolean includeModuleTargets) {
        List<Path> candidates = new ArrayList<>();
        for (Path dir : searchDirs) {
            candidates.add(dir.resolve(service.artifactId() + ".jar"));
        }
        if (includeModuleTargets) {
            Path moduleJar =
                    Path.of(service.artifactId(), "target", service.artifactId() + "-" + VERSION + "-exec.jar");
            candidates.add(moduleJar);
            candidates.add(Path.of("..").resolve(moduleJar));
        }
        return candidates;
    }

    /** The directory of the jar (or classes directory) this class was loaded from; null if unknown. */
    private static Path ownJarDirectory() {
        try {
            var source = ServiceJars.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            String location = source.getLocation().toString();
            // Inside a Spring Boot exec jar the location is "jar:file:/.../dev-stack-exec.jar!/BOOT-INF/classes!/".
            if (location.startsWith("jar:")) {
                location = location.substring("jar:".length());
                int bang = location.indexOf("!/");
                if (bang >= 0) {
                    location = location.substring(0, bang);
                }
            }
            Path path = Path.of(new java.net.URI(location));
            // target/classes (IDE, tests) and target/dev-stack-exec.jar both have target/ as parent.
            return path.getParent();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
