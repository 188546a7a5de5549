package dev.chorus.bench.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void acceptsOnlyThisMachine() {
        assertThatCode(() -> Loopback.requireUrl(URI.create("http://localhost:8081")))
                .doesNotThrowAnyException();
        assertThatCode(() -> Loopback.requireUrl(URI.create("http://127.0.0.1:8082")))
                .doesNotThrowAnyException();
        assertThatCode(() -> Loopback.requireJdbc("jdbc:postgresql://localhost:5432/chorus_read"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Loopback.requireUrl(URI.create("http://10.1.2.3:8081")))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> Loopback.requireJdbc("jdbc:postgresql://192.168.0.10/chorus_read"))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> Loopback.requireJdbc("jdbc:mysql://localhost/x"))
                .hasMessageContaining("Only jdbc:postgresql");
    }
}
