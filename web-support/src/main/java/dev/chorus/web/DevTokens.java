package dev.chorus.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints HS256 bearer tokens the services accept: for tests (valid, expired, wrongly signed, odd
 * subjects) and for the local dev stack's demo users. Issuing tokens is not the services' job in
 * production; an identity provider sharing {@code CHAT_JWT_SECRET} does it.
 */
public final class DevTokens {

    private final byte[] secret;

    public DevTokens(String secret) {
        this.secret = new ChorusSecurityProperties(secret).jwtSecretBytes();
    }

    /** A token for {@code userId}, valid for an hour. */
    public String forUser(long userId) {
        return forUser(userId, Duration.ofHours(1));
    }

    public String forUser(long userId, Duration validFor) {
        return sign(secret, Long.toString(userId), Instant.now().plus(validFor));
    }

    /** A correctly signed token that expired ten minutes ago (beyond any clock-skew allowance). */
    public String expired(long userId) {
        return sign(secret, Long.toString(userId), Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A token signed with a different secret. */
    public String wrongSignature(long userId) {
        byte[] other = ("not-the-secret-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return sign(other, Long.toString(userId), Instant.now().plus(Duration.ofHours(1)));
    }

    /** A correctly signed token with an arbitrary subject (for example {@code "alice"} or {@code "-5"}). */
    public String withSubject(String subject) {
        return sign(secret, subject, Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(byte[] key, String subject, Instant expiresAt) {
        Instant now = Instant.now();
        Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minus(Duration.ofHours(1));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                // Issued before it expires, even for the deliberately expired tokens.
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
