package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-dev";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final TokenMinter minter = new TokenMinter(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signsHs256OverTheUtf8SecretWithTheUserIdAsSubject() throws Exception {
        SignedJWT jwt = SignedJWT.parse(minter.mint(42));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("42");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aTokenFromAnotherSecretDoesNotVerify() throws Exception {
        String other = new TokenMinter("another-secret-of-more-than-32-bytes!!", Clock.systemUTC()).mint(1);

        assertThat(SignedJWT.parse(other).verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isFalse();
    }

    @Test
    void refusesWhatTheServicesWouldRefuse() {
        assertThatThrownBy(() -> minter.mint(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TokenMinter("too-short", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
