package dev.chorus.web;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HS256 secret that signs and verifies bearer tokens ({@code CHAT_JWT_SECRET}). Checked when the
 * properties bind, so a service with a missing or weak secret refuses to start instead of accepting
 * forgeable tokens.
 */
@ConfigurationProperties("chorus.security")
public record ChorusSecurityProperties(String jwtSecret) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    public ChorusSecurityProperties {
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalStateException("chorus.security.jwt-secret is not set: set the environment variable"
                    + " CHAT_JWT_SECRET to a random string of at least " + MIN_SECRET_BYTES + " bytes");
        }
        int length = jwtSecret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("chorus.security.jwt-secret (CHAT_JWT_SECRET) is " + length
                    + " bytes long; HS256 needs at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    public byte[] jwtSecretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ChorusSecurityProperties[jwtSecret=<hidden>]";
    }
}
