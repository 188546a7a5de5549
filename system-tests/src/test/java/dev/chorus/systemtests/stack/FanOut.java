package dev.chorus.systemtests.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * The two ways an inbox entry exists: fanned out on write into {@code user_inbox} (DMs and groups up to
 * the threshold) or computed on read (larger groups). Semantics tests run on both: a test's group gets
 * {@link #bystanders()} extra members who only make it large.
 */
public enum FanOut {
    ON_WRITE(0),
    ON_READ(SystemStack.LARGE_GROUP_THRESHOLD + 1);

    private final int bystanders;

    FanOut(int bystanders) {
        this.bystanders = bystanders;
    }

    /** Extra members enough to push any group above the threshold (none for ON_WRITE). */
    public int bystanders() {
        return bystanders;
    }

    /** The core members plus this path's bystanders (fresh users). */
    public long[] withBystanders(SystemStack.Running stack, long... core) {
        return LongStream.concat(Arrays.stream(core), Arrays.stream(stack.newUsers(bystanders)))
                .toArray();
    }

    /**
     * The premise check: the conversation (with {@code activeMembers} members now, all of the read model
     * caught up) took this path. Fanned out on write: one row per member; on read: none.
     */
    public void assertTaken(SystemStack.Running stack, UUID conversationId, int activeMembers) {
        int rows = stack.readModel().inboxRows(conversationId);
        if (this == ON_WRITE) {
            assertThat(activeMembers)
                    .as("group size for fan-out on write")
                    .isLessThanOrEqualTo(SystemStack.LARGE_GROUP_THRESHOLD);
            assertThat(rows).as("user_inbox rows of " + conversationId).isEqualTo(activeMembers);
        } else {
            assertThat(activeMembers)
                    .as("group size for fan-out on read")
                    .isGreaterThan(SystemStack.LARGE_GROUP_THRESHOLD);
            assertThat(rows).as("user_inbox rows of " + conversationId).isZero();
        }
    }
}
