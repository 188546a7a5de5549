package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAStrongSecretOnceAndKeepsItPrivateAcrossRestarts() throws Exception {
        String first = JwtSecrets.loadOrCreate(dataDir);
        String second = JwtSecrets.loadOrCreate(dataDir);

        assertThat(first.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
        assertThat(JwtSecrets.loadOrCreate(dataDir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void aSecretFileEditedToSomethingWeakIsRefusedWithItsPath() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), "short\n");

        assertThatThrownBy(() -> JwtSecrets.loadOrCreate(dataDir))
                .hasMessageContaining(dataDir.resolve("jwt-secret").toString())
                .hasMessageContaining("5 bytes long");
    }
}
