package dev.chorus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    static final UUID C = UUID.fromString("6f1c1a3e-0000-4000-8000-000000000001");

    @Test
    void roundTripsBothKinds() {
        ConsistencyToken conversation = new ConsistencyToken.ConversationAt(C, 12);
        ConsistencyToken member = new ConsistencyToken.MemberAt(C, 42, 3);

        assertThat(ConsistencyToken.decode(conversation.encode())).isEqualTo(conversation);
        assertThat(ConsistencyToken.decode(member.encode())).isEqualTo(member);
        assertThat(conversation.encode()).doesNotContain(":", "=", "/", "+");
    }

    @Test
    void rejectsForeignTokens() {
        assertThatThrownBy(() -> ConsistencyToken.decode("not-a-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a consistency token");
        assertThatThrownBy(() -> ConsistencyToken.decode("MTpjOm5vcGU6MQ"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
