package dev.chorus.devstack;

import java.util.List;

/** The users the banner prints tokens for and the seed data talks about. Ids are JWT subjects. */
public final class DemoUsers {

    public record DemoUser(long id, String name) {}

    public static final DemoUser ALICE = new DemoUser(1, "alice");
    public static final DemoUser BOB = new DemoUser(2, "bob");
    public static final DemoUser CAROL = new DemoUser(3, "carol");
    public static final DemoUser DAVE = new DemoUser(4, "dave");
    public static final DemoUser ERIN = new DemoUser(5, "erin");

    public static final List<DemoUser> ALL = List.of(ALICE, BOB, CAROL, DAVE, ERIN);

    /** The ones with a printed token: enough to try a group and a DM from the terminal. */
    public static final List<DemoUser> WITH_PRINTED_TOKEN = List.of(ALICE, BOB, CAROL);

    private DemoUsers() {}
}
