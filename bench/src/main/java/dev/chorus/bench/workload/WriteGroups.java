package dev.chorus.bench.workload;

import dev.chorus.bench.Profile.WritePhase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The groups and the message stream of one write phase, decided the same way for the system and for
 * the naive baseline: group {@code g} of a phase has members {@code base + g * size + k}; message
 * {@code i} goes to group {@code i % groups} from member {@code (i * 7919) % size}.
 */
public record WriteGroups(WritePhase phase, long userBase, List<List<Long>> members) {

    public static WriteGroups of(WritePhase phase, int phaseIndex) {
        long base = 20_000_000L + phaseIndex * 2_000_000L;
        List<List<Long>> groups = new ArrayList<>();
        for (int g = 0; g < phase.groups(); g++) {
            List<Long> m = new ArrayList<>(phase.groupSize());
            for (int k = 0; k < phase.groupSize(); k++) {
                m.add(base + (long) g * phase.groupSize() + k);
            }
            groups.add(List.copyOf(m));
        }
        return new WriteGroups(phase, base, List.copyOf(groups));
    }

    public int groupOf(long message) {
        return (int) (message % phase.groups());
    }

    public long senderOf(long message) {
        List<Long> m = members.get(groupOf(message));
        return m.get((int) ((message * 7919L) % m.size()));
    }

    /** Recipients of one message: every member but the sender. */
    public int recipients() {
        return phase.groupSize() - 1;
    }

    static String body(long message) {
        return "bench message " + message + " "
                + UUID.nameUUIDFromBytes(Long.toString(message).getBytes());
    }
}
