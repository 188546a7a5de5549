package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

    @TempDir
    Path dir;

    @Test
    void findsOneJarPerServiceInTheGivenDirectory() throws Exception {
        for (ChorusService service : ChorusService.values()) {
            Files.writeString(dir.resolve(service.artifactId() + ".jar"), "jar");
        }

        Map<ChorusService, Path> jars = ServiceJars.locate(dir);

        assertThat(jars).hasSize(3);
        assertThat(jars.get(ChorusService.QUERY)).isEqualTo(dir.resolve("query-service.jar"));
    }

    @Test
    void aMissingJarIsNamedWithWhereItWasLookedForAndHowToBuildIt() throws Exception {
        Files.writeString(dir.resolve("command-service.jar"), "jar");

        assertThatThrownBy(() -> ServiceJars.locate(dir))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("query-service (looked for [" + dir.resolve("query-service.jar"))
                .hasMessageContaining("projection-service")
                .hasMessageNotContaining("command-service (")
                .hasMessageContaining("./mvnw -B -q -DskipTests -pl dev-stack -am package");
    }

    @Test
    void withoutADirectoryItAlsoLooksInTheModulesTargetDirectories() {
        assertThat(ServiceJars.candidates(ChorusService.COMMAND, java.util.List.of(dir), true))
                .containsExactly(
                        dir.resolve("command-service.jar"),
                        Path.of("command-service", "target", "command-service-0.1.0-SNAPSHOT-exec.jar"),
                        Path.of("..", "command-service", "target", "command-service-0.1.0-SNAPSHOT-exec.jar"));
    }
}
