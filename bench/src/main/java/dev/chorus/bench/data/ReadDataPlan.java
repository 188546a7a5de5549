package dev.chorus.bench.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The data set of the read workloads, decided in memory from a seed (so every run, and every target,
 * gets exactly the same data): {@code usersPerTier} users in each tier of 10 / 100 / 500
 * conversations, a pool of small groups and one DM per few conversations.
 *
 * <ul>
 *   <li>A group has a creator and two more active senders (filler users who send every message after
 *       the SYSTEM message at seq 1) plus the tier users assigned to it. Tier users never send in
 *       groups, so their read pointers can lie anywhere.
 *   <li>A tier user of tier {@code k} has {@code max(1, k/25)} DMs with a partner of their own and
 *       {@code k - dms} groups drawn without repetition from the pool. In a DM the tier user sends
 *       the even seqs of the first 60% of the history, the partner everything else.
 *   <li>Read pointers: half the memberships are fully read, 35% have 1-10 messages unread, 15% have
 *       11-50 unread (capped by the history); the loader then moves each pointer up to the member's own
 *       last message, as the real system does (sending moves the sender's pointer).
 * </ul>
 */
public record ReadDataPlan(
        long seed,
        List<Integer> tiers,
        Map<Integer, List<Long>> usersByTier,
        List<Conversation> conversations,
        List<Membership> memberships,
        Instant newestActivity) {

    public static final long TIER_USER_BASE = 1_000_000L;
    public static final long DM_PARTNER_BASE = 3_000_000L;
    public static final long GROUP_FILLER_BASE = 4_000_000L;
    public static final double DM_OWN_SHARE = 0.6;

    /** One conversation of the plan; {@code index} is also its id in the seed-000 baseline. */
    public record Conversation(
            int index,
            UUID conversationId,
            boolean dm,
            long createdBy,
            long partner,
            List<Long> senders,
            int lastSeq,
            Instant lastActivityAt,
            List<Long> members) {

        /** Who sent {@code seq}, exactly as the loader's SQL decides it. */
        public long senderOf(int seq) {
            if (seq == 1) {
                return createdBy;
            }
            if (dm) {
                return seq <= dmSplit() && seq % 2 == 0 ? createdBy : partner;
            }
            return senders.get(seq % senders.size());
        }

        public int dmSplit() {
            return (int) (lastSeq * DM_OWN_SHARE);
        }

        /** When {@code seq} was sent: one message every 37 s up to the last activity. */
        public Instant sentAt(int seq) {
            return lastActivityAt.minusSeconds(37L * (lastSeq - seq));
        }
    }

    /** A member and where the plan wants their read pointer (before the loader's own-message clamp). */
    public record Membership(int conversationIndex, long userId, String role, int targetReadSeq) {}

    public static ReadDataPlan create(
            long seed,
            List<Integer> tiers,
            int usersPerTier,
            int groups,
            int messagesPerGroup,
            int messagesPerDm,
            Instant newestActivity) {
        int largestTier = tiers.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (groups < largestTier) {
            throw new IllegalArgumentException(
                    "The group pool (" + groups + ") must be at least the largest tier (" + largestTier + ")");
        }
        Random random = new Random(seed);
        Map<Integer, List<Long>> usersByTier = new LinkedHashMap<>();
        List<Conversation> conversations = new ArrayList<>();
        List<Membership> memberships = new ArrayList<>();
        List<List<Long>> groupMembers = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            long creator = GROUP_FILLER_BASE + 3L * g;
            groupMembers.add(new ArrayList<>(List.of(creator, creator + 1, creator + 2)));
        }
        int index = 0;
        List<int[]> dms = new ArrayList<>(); // {tier user index in its tier, tier}
        for (int t = 0; t < tiers.size(); t++) {
            int tier = tiers.get(t);
            List<Long> users = new ArrayList<>();
            for (int u = 0; u < usersPerTier; u++) {
                long userId = TIER_USER_BASE + 10_000L * t + u;
                users.add(userId);
                int dmCount = Math.max(1, tier / 25);
                List<Integer> pool = new ArrayList<>();
                for (int g = 0; g < groups; g++) {
                    pool.add(g);
                }
                Collections.shuffle(pool, random);
                for (int i = 0; i < tier - dmCount; i++) {
                    groupMembers.get(pool.get(i)).add(userId);
                }
                for (int d = 0; d < dmCount; d++) {
                    dms.add(new int[] {u, t});
                }
            }
            usersByTier.put(tier, List.copyOf(users));
        }
        for (int g = 0; g < groups; g++) {
            List<Long> members = groupMembers.get(g);
            long creator = members.get(0);
            Conversation c = new Conversation(
                    index,
                    uuid(seed, index),
                    false,
                    creator,
                    0,
                    List.of(creator, creator + 1, creator + 2),
                    messagesPerGroup,
                    activity(newestActivity, random),
                    List.copyOf(members));
            conversations.add(c);
            for (long member : members) {
                boolean filler = member >= GROUP_FILLER_BASE;
                memberships.add(new Membership(
                        index,
                        member,
                        member == creator ? "ADMIN" : "MEMBER",
                        filler ? messagesPerGroup : targetReadSeq(random, messagesPerGroup)));
            }
            index++;
        }
        int partner = 0;
        for (int[] dm : dms) {
            long tierUser = usersByTier.get(tiers.get(dm[1])).get(dm[0]);
            long other = DM_PARTNER_BASE + partner++;
            Conversation c = new Conversation(
                    index,
                    uuid(seed, index),
                    true,
                    tierUser,
                    other,
                    List.of(tierUser, other),
                    messagesPerDm,
                    activity(newestActivity, random),
                    List.of(tierUser, other));
            conversations.add(c);
            memberships.add(new Membership(index, tierUser, "ADMIN", targetReadSeq(random, messagesPerDm)));
            memberships.add(new Membership(index, other, "MEMBER", messagesPerDm));
            index++;
        }
        return new ReadDataPlan(
                seed,
                List.copyOf(tiers),
                usersByTier,
                List.copyOf(conversations),
                List.copyOf(memberships),
                newestActivity);
    }

    public List<Conversation> dms() {
        return conversations.stream().filter(Conversation::dm).toList();
    }

    /** How many conversations {@code userId} is in. */
    public long conversationCount(long userId) {
        return memberships.stream().filter(m -> m.userId() == userId).count();
    }

    private static int targetReadSeq(Random random, int lastSeq) {
        int roll = random.nextInt(100);
        int unread;
        if (roll < 50) {
            unread = 0;
        } else if (roll < 85) {
            unread = 1 + random.nextInt(10);
        } else {
            unread = 11 + random.nextInt(40);
        }
        return Math.max(1, lastSeq - unread);
    }

    private static Instant activity(Instant newest, Random random) {
        // Spread over 30 days so the inbox order is not the load order.
        return newest.minusSeconds(random.nextInt(30 * 24 * 3600));
    }

    static UUID uuid(long seed, int index) {
        return UUID.nameUUIDFromBytes(("chorus-bench-read-" + seed + "-" + index).getBytes(StandardCharsets.UTF_8));
    }
}
