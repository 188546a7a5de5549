package dev.chorus.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs bearer tokens the services accept: HS256 over the UTF-8 bytes of {@code CHAT_JWT_SECRET}, {@code sub}
 * = user id, as web-support verifies them. Development only; real tokens come from an identity provider.
 */
public final class TokenMinter {

    /** Long enough that a token printed at start-up still works after days of running the stack. */
    public static final Duration DEMO_TOKEN_LIFETIME = Duration.ofDays(365);

    private final MACSigner signer;
    private final Clock clock;

    public TokenMinter(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret unusable for HS256: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    public String mint(long userId, Duration lifetime) {
        if (userId <= 0) {
            throw new IllegalArgumentException("A user id is a positive number, got " + userId);
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    public String mint(long userId) {
        return mint(userId, DEMO_TOKEN_LIFETIME);
    }
}
