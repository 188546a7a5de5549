package dev.chorus.systemtests.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.systemtests.api.Inbox;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A group crossing projection-service's large-group threshold ({@value SystemStack#LARGE_GROUP_THRESHOLD}
 * members in this stack) in both directions: fanned out on write, then on read, then on write again, with
 * every member's unread count and read pointer exact at each stage.
 */
@ExtendWith(SystemStack.class)
class LargeGroupIT {

    private final SystemStack.Running stack;

    LargeGroupIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @Test
    void crossingTheThresholdBothWaysKeepsEveryInboxExact() {
        long[] ids = stack.newUsers(7);
        UserClient a = stack.api().as(ids[0]);
        UserClient m1 = stack.api().as(ids[1]);
        UserClient m2 = stack.api().as(ids[2]);
        UserClient m3 = stack.api().as(ids[3]);
        UserClient n1 = stack.api().as(ids[4]);
        UserClient n2 = stack.api().as(ids[5]);
        UserClient n3 = stack.api().as(ids[6]);
        UUID group = a.createGroup("crossing", m1.id(), m2.id(), m3.id()).conversationId();

        // Four members: fanned out on write.
        a.send(group, "s1");
        String s2 = m1.send(group, "s2").token();
        expect(group, s2, Map.of(a, pointer(1, 1), m1, pointer(2, 0), m2, pointer(0, 2), m3, pointer(0, 2)));
        FanOut.ON_WRITE.assertTaken(stack, group, 4);

        // Seven: fanned out on read from the join on.
        String joined = a.addMembers(group, n1.id(), n2.id(), n3.id()).token();
        expect(
                group,
                joined,
                ordered(a, pointer(1, 1), m1, pointer(2, 0), m2, pointer(0, 2), m3, pointer(0, 2))
                        .and(n1, pointer(3, 0))
                        .and(n2, pointer(3, 0))
                        .and(n3, pointer(3, 0)));
        FanOut.ON_READ.assertTaken(stack, group, 7);

        a.send(group, "s4");
        String s5 = n1.send(group, "s5").token();
        String m2Read = m2.markRead(group, 4).token();
        String m3Hid = m3.hide(group, 4).token();
        Expected large = ordered(a, pointer(4, 1), m1, pointer(2, 2), m2, pointer(4, 1), m3, pointer(0, 3))
                .and(n1, pointer(5, 0))
                .and(n2, pointer(3, 2))
                .and(n3, pointer(3, 2));
        expect(group, s5, large.waitingFor(m2Read, m3Hid));
        FanOut.ON_READ.assertTaken(stack, group, 7);

        // Back to four: fanned out on write again, with the same numbers; the removed have no entry.
        a.removeMember(group, n1.id());
        a.removeMember(group, n2.id());
        String removed = a.removeMember(group, n3.id()).token();
        expect(
                group,
                removed,
                ordered(a, pointer(4, 1), m1, pointer(2, 2), m2, pointer(4, 1), m3, pointer(0, 3))
                        .waitingFor(m2Read, m3Hid));
        for (UserClient gone : new UserClient[] {n1, n2, n3}) {
            assertThat(gone.inbox(removed).entry(group)).isEmpty();
        }
        FanOut.ON_WRITE.assertTaken(stack, group, 4);
    }

    private record Pointer(long lastReadSeq, int unreadCount) {}

    private static Pointer pointer(long lastReadSeq, int unreadCount) {
        return new Pointer(lastReadSeq, unreadCount);
    }

    /** Each user's expected entry, plus tokens of member writes to wait for before reading. */
    private record Expected(Map<UserClient, Pointer> byUser, String[] alsoWaitFor) {
        Expected and(UserClient user, Pointer pointer) {
            Map<UserClient, Pointer> copy = new LinkedHashMap<>(byUser);
            copy.put(user, pointer);
            return new Expected(copy, alsoWaitFor);
        }

        Expected waitingFor(String... tokens) {
            return new Expected(byUser, tokens);
        }
    }

    private static Expected ordered(
            UserClient u1,
            Pointer p1,
            UserClient u2,
            Pointer p2,
            UserClient u3,
            Pointer p3,
            UserClient u4,
            Pointer p4) {
        Map<UserClient, Pointer> map = new LinkedHashMap<>();
        map.put(u1, p1);
        map.put(u2, p2);
        map.put(u3, p3);
        map.put(u4, p4);
        return new Expected(map, new String[0]);
    }

    private static void expect(UUID group, String token, Map<UserClient, Pointer> expected) {
        expect(group, token, new Expected(new LinkedHashMap<>(expected), new String[0]));
    }

    private static void expect(UUID group, String token, Expected expected) {
        expected.byUser().forEach((user, pointer) -> {
            String[] tokens = new String[expected.alsoWaitFor().length + 1];
            System.arraycopy(expected.alsoWaitFor(), 0, tokens, 0, expected.alsoWaitFor().length);
            tokens[tokens.length - 1] = token;
            Inbox inbox = user.inbox(tokens);
            InboxEntry entry = inbox.get(group);
            assertThat(new Pointer(entry.lastReadSeq(), entry.unreadCount()))
                    .as("inbox entry of user %d", user.id())
                    .isEqualTo(pointer);
        });
    }
}
