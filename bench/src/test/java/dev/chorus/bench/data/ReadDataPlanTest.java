package dev.chorus.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadDataPlanTest {

    private final ReadDataPlan plan =
            ReadDataPlan.create(7, List.of(10, 100, 500), 3, 520, 30, 60, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void everyTierUserIsInExactlyTheirTiersNumberOfConversations() {
        plan.usersByTier().forEach((tier, users) -> {
            assertThat(users).hasSize(3);
            users.forEach(
                    u -> assertThat(plan.conversationCount(u)).as("user %d", u).isEqualTo((long) tier));
        });
    }

    @Test
    void dmsHaveTwoMembersAndGroupsTheirThreeSendersPlusTierUsers() {
        for (ReadDataPlan.Conversation c : plan.conversations()) {
            if (c.dm()) {
                assertThat(c.members()).containsExactly(c.createdBy(), c.partner());
            } else {
                assertThat(c.members()).startsWith(c.senders().toArray(Long[]::new));
            }
            assertThat(plan.memberships().stream()
                            .filter(m -> m.conversationIndex() == c.index())
                            .count())
                    .isEqualTo(c.members().size());
        }
        assertThat(plan.dms()).hasSize(3 * (1 + 4 + 20));
    }

    @Test
    void sendersAreMembersAndTierUsersNeverSendInGroups() {
        for (ReadDataPlan.Conversation c : plan.conversations()) {
            for (int seq = 1; seq <= c.lastSeq(); seq++) {
                long sender = c.senderOf(seq);
                assertThat(c.members()).contains(sender);
                if (!c.dm()) {
                    assertThat(sender).isGreaterThanOrEqualTo(ReadDataPlan.GROUP_FILLER_BASE);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameData() {
        ReadDataPlan again =
                ReadDataPlan.create(7, List.of(10, 100, 500), 3, 520, 30, 60, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(again).isEqualTo(plan);
    }
}
