package dev.chorus.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev stack's HS256 secret: random on the first start, then kept in the data directory so that tokens
 * printed yesterday still work after a restart (until {@code --reset}).
 */
final class JwtSecrets {

    static final String FILE_NAME = "jwt-secret";
    static final int MIN_BYTES = 32;

    private JwtSecrets() {}

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
                requireStrong(secret, file.toString());
                return secret;
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions have to do.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    static void requireStrong(String secret, String source) {
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_BYTES) {
            throw new IllegalArgumentException("The JWT secret from " + source + " is " + length
                    + " bytes long; HS256 needs at least " + MIN_BYTES + " bytes");
        }
    }
}
