package dev.chorus.command.conversation;

import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.events.Attachment;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationType;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.web.ChorusException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** One test per business rule of the conversation aggregate, failures included. */
class ConversationTest {

    static final UUID C = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05.123456Z");
    static final Instant EARLIER = Instant.parse("2030-01-01T00:00:00Z");
    static final long ALICE = 1; // the creator, ADMIN
    static final long BOB = 2;
    static final long CAROL = 3;
    static final long DAVE = 4;

    AggregateTestFixture<Conversation> fixture;
    InMemoryMessageDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = fixture(CommandLimits.defaults());
    }

    AggregateTestFixture<Conversation> fixture(CommandLimits limits) {
        AggregateTestFixture<Conversation> f = new AggregateTestFixture<>(Conversation.class);
        directory = new InMemoryMessageDirectory();
        f.registerInjectableResource(directory);
        f.registerInjectableResource(limits);
        f.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return f;
    }

    static ConversationCreated group(long... others) {
        List<Member> members = new java.util.ArrayList<>();
        members.add(new Member(ALICE, MemberRole.ADMIN));
        for (long other : others) {
            members.add(new Member(other, MemberRole.MEMBER));
        }
        return new ConversationCreated(C, ConversationType.GROUP, "team", ALICE, members, EARLIER);
    }

    static ConversationCreated dm() {
        return new ConversationCreated(
                C,
                ConversationType.DM,
                null,
                ALICE,
                List.of(new Member(ALICE, MemberRole.ADMIN), new Member(BOB, MemberRole.MEMBER)),
                EARLIER);
    }

    static MessageSent text(long seq, long sender, UUID clientMessageId) {
        return new MessageSent(
                C,
                seq,
                MessageIds.of(C, seq),
                clientMessageId,
                sender,
                MessageType.TEXT,
                "hello " + seq,
                null,
                List.of(),
                EARLIER);
    }

    static SendMessage send(long sender, UUID clientMessageId, String body) {
        return new SendMessage(C, sender, clientMessageId, MessageType.TEXT, body, null, List.of());
    }

    @Nested
    class Creating {

        @Test
        void theCreatorBecomesAdminAndTheOthersMembers() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(C, ALICE, ConversationType.GROUP, "  team ", List.of(BOB, CAROL)))
                    .expectEvents(new ConversationCreated(
                            C,
                            ConversationType.GROUP,
                            "team",
                            ALICE,
                            List.of(
                                    new Member(ALICE, MemberRole.ADMIN),
                                    new Member(BOB, MemberRole.MEMBER),
                                    new Member(CAROL, MemberRole.MEMBER)),
                            NOW))
                    .expectResultMessagePayload(new CreateOutcome(C, 0, true));
        }

        @Test
        void aRetriedCreateBySameCreatorAppendsNothingAndAnswersTheSame() {
            fixture.given(group(BOB))
                    .when(new CreateConversation(C, ALICE, ConversationType.GROUP, "team", List.of(BOB)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CreateOutcome(C, 0, false));
        }

        @Test
        void anIdCreatedBySomeoneElseIsAConflict() {
            fixture.given(group(BOB))
                    .when(new CreateConversation(C, CAROL, ConversationType.GROUP, null, List.of()))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class);
        }

        @Test
        void aDmHasExactlyTwoMembers() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(C, ALICE, ConversationType.DM, null, List.of(BOB, CAROL)))
                    .expectNoEvents()
                    .expectException(ChorusException.InvalidRequest.class)
                    .expectExceptionMessage(containsString("exactly two members"));
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(C, ALICE, ConversationType.DM, null, List.of(ALICE)))
                    .expectException(ChorusException.InvalidRequest.class);
        }

        @Test
        void memberIdsMustBePositive() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(C, ALICE, ConversationType.GROUP, null, List.of(BOB, -7L)))
                    .expectNoEvents()
                    .expectException(ChorusException.InvalidRequest.class)
                    .expectExceptionMessage(containsString("-7"));
        }

        @Test
        void aGroupCannotStartAboveTheMemberLimit() {
            fixture = fixture(limitsWithMaxMembers(2));
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(C, ALICE, ConversationType.GROUP, null, List.of(BOB, CAROL)))
                    .expectNoEvents()
                    .expectException(ChorusException.PayloadTooLarge.class);
        }
    }

    @Nested
    class Sending {

        @Test
        void aMemberSendsAtTheNextSeq() {
            UUID clientMessageId = UUID.randomUUID();
            fixture.given(group(BOB), text(1, ALICE, UUID.randomUUID()))
                    .when(send(BOB, clientMessageId, "hi"))
                    .expectEvents(new MessageSent(
                            C,
                            2,
                            MessageIds.of(C, 2),
                            clientMessageId,
                            BOB,
                            MessageType.TEXT,
                            "hi",
                            null,
                            List.of(),
                            NOW))
                    .expectResultMessagePayload(new SendOutcome(C, 2, MessageIds.of(C, 2), NOW, 2, false));
        }

        @Test
        void aNonMemberCannotSend() {
            fixture.given(group(BOB))
                    .when(send(CAROL, UUID.randomUUID(), "hi"))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class)
                    .expectExceptionMessage(containsString("not a member"));
        }

        @Test
        void aMemberWhoLeftCannotSend() {
            fixture.given(group(BOB), new MemberRemoved(C, 1, BOB, BOB, EARLIER))
                    .when(send(BOB, UUID.randomUUID(), "hi"))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class);
        }

        @Test
        void aRepeatedClientMessageIdReturnsTheOriginalAndAppendsNothing() {
            UUID clientMessageId = UUID.randomUUID();
            directory.add(
                    C,
                    new MessageEntry(1, MessageIds.of(C, 1), clientMessageId, BOB, MessageType.TEXT, EARLIER, false));
            fixture.given(group(BOB), text(1, BOB, clientMessageId), text(2, ALICE, UUID.randomUUID()))
                    .when(send(BOB, clientMessageId, "hi again"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new SendOutcome(C, 1, MessageIds.of(C, 1), EARLIER, 2, true));
        }

        @Test
        void anotherSendersClientMessageIdIsAConflict() {
            UUID clientMessageId = UUID.randomUUID();
            directory.add(
                    C,
                    new MessageEntry(1, MessageIds.of(C, 1), clientMessageId, BOB, MessageType.TEXT, EARLIER, false));
            fixture.given(group(BOB, CAROL), text(1, BOB, clientMessageId))
                    .when(send(CAROL, clientMessageId, "mine?"))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class);
        }

        @Test
        void aBodyOverTheLimitIsTooLarge() {
            fixture.given(group(BOB))
                    .when(send(BOB, UUID.randomUUID(), "é".repeat(8193))) // 16386 bytes in UTF-8
                    .expectNoEvents()
                    .expectException(ChorusException.PayloadTooLarge.class)
                    .expectExceptionMessage(containsString("16386 bytes"));
        }

        @Test
        void aTextMessageNeedsABody() {
            fixture.given(group(BOB))
                    .when(send(BOB, UUID.randomUUID(), "  "))
                    .expectNoEvents()
                    .expectException(ChorusException.InvalidRequest.class);
        }

        @Test
        void clientsCannotSendSystemMessages() {
            fixture.given(group(BOB))
                    .when(new SendMessage(C, BOB, UUID.randomUUID(), MessageType.SYSTEM, "x", null, List.of()))
                    .expectNoEvents()
                    .expectException(ChorusException.InvalidRequest.class);
        }

        @Test
        void metaMustBeASmallObject() {
            ObjectNode big = JsonNodeFactory.instance.objectNode().put("k", "x".repeat(8200));
            fixture.given(group(BOB))
                    .when(new SendMessage(C, BOB, UUID.randomUUID(), MessageType.TEXT, "x", big, List.of()))
                    .expectException(ChorusException.PayloadTooLarge.class);
            fixture.given(group(BOB))
                    .when(new SendMessage(
                            C,
                            BOB,
                            UUID.randomUUID(),
                            MessageType.TEXT,
                            "x",
                            JsonNodeFactory.instance.arrayNode(),
                            List.of()))
                    .expectException(ChorusException.InvalidRequest.class);
        }

        @Test
        void attachmentsAreBounded() {
            Attachment ok = new Attachment("blob/1", "image/png", 10);
            fixture.given(group(BOB))
                    .when(new SendMessage(
                            C, BOB, UUID.randomUUID(), MessageType.IMAGE, null, null, Collections.nCopies(11, ok)))
                    .expectException(ChorusException.PayloadTooLarge.class);
            fixture.given(group(BOB))
                    .when(new SendMessage(
                            C,
                            BOB,
                            UUID.randomUUID(),
                            MessageType.FILE,
                            null,
                            null,
                            List.of(new Attachment("blob/1", "application/pdf", 0))))
                    .expectException(ChorusException.InvalidRequest.class);
            fixture.given(group(BOB))
                    .when(new SendMessage(
                            C,
                            BOB,
                            UUID.randomUUID(),
                            MessageType.FILE,
                            null,
                            null,
                            List.of(new Attachment("blob/1", "application/pdf", 101L * 1024 * 1024))))
                    .expectException(ChorusException.PayloadTooLarge.class);
            fixture.given(group(BOB))
                    .when(new SendMessage(
                            C,
                            BOB,
                            UUID.randomUUID(),
                            MessageType.IMAGE,
                            null,
                            null,
                            List.of(new Attachment(" ", "image/png", 1))))
                    .expectException(ChorusException.InvalidRequest.class);
            fixture.given(group(BOB))
                    .when(new SendMessage(C, BOB, UUID.randomUUID(), MessageType.IMAGE, "caption", null, List.of()))
                    .expectException(ChorusException.InvalidRequest.class)
                    .expectExceptionMessage(containsString("at least one attachment"));
        }

        @Test
        void anImageWithAnAttachmentIsSent() {
            Attachment image = new Attachment("blob/1", "image/png", 10);
            UUID clientMessageId = UUID.randomUUID();
            fixture.given(group(BOB))
                    .when(new SendMessage(C, BOB, clientMessageId, MessageType.IMAGE, null, null, List.of(image)))
                    .expectEvents(new MessageSent(
                            C,
                            1,
                            MessageIds.of(C, 1),
                            clientMessageId,
                            BOB,
                            MessageType.IMAGE,
                            null,
                            null,
                            List.of(image),
                            NOW));
        }
    }

    @Nested
    class Membership {

        @Test
        void anAdminAddsMembersAsASystemMessageAtTheNextSeq() {
            fixture.given(group(BOB), text(1, ALICE, UUID.randomUUID()))
                    .when(new AddMembers(C, ALICE, List.of(CAROL, BOB, DAVE)))
                    .expectEvents(new MembersAdded(C, 2, ALICE, List.of(CAROL, DAVE), NOW))
                    .expectResultMessagePayload(new Accepted(2));
        }

        @Test
        void addingOnlyExistingMembersAppendsNothing() {
            fixture.given(group(BOB))
                    .when(new AddMembers(C, ALICE, List.of(BOB)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Accepted(0));
        }

        @Test
        void aPlainMemberCannotAdd() {
            fixture.given(group(BOB))
                    .when(new AddMembers(C, BOB, List.of(CAROL)))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class)
                    .expectExceptionMessage(containsString("admin"));
        }

        @Test
        void aDmTakesNoThirdMember() {
            fixture.given(dm())
                    .when(new AddMembers(C, ALICE, List.of(CAROL)))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class);
        }

        @Test
        void aGroupStaysWithinTheMemberLimit() {
            fixture = fixture(limitsWithMaxMembers(3));
            fixture.given(group(BOB))
                    .when(new AddMembers(C, ALICE, List.of(CAROL, DAVE)))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class)
                    .expectExceptionMessage(containsString("limit of 3"));
        }

        @Test
        void anyMemberMayLeaveAsASystemMessage() {
            fixture.given(group(BOB), text(1, ALICE, UUID.randomUUID()))
                    .when(new RemoveMember(C, BOB, BOB))
                    .expectEvents(new MemberRemoved(C, 2, BOB, BOB, NOW));
        }

        @Test
        void aPlainMemberCannotRemoveOthers() {
            fixture.given(group(BOB, CAROL))
                    .when(new RemoveMember(C, BOB, CAROL))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class);
        }

        @Test
        void anAdminRemovesOthers() {
            fixture.given(group(BOB, CAROL))
                    .when(new RemoveMember(C, ALICE, CAROL))
                    .expectEvents(new MemberRemoved(C, 1, ALICE, CAROL, NOW));
        }

        @Test
        void removingSomeoneWhoIsNotAMemberAppendsNothing() {
            fixture.given(group(BOB))
                    .when(new RemoveMember(C, ALICE, CAROL))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Accepted(0));
        }

        @Test
        void aNonMemberCannotRemoveAnyone() {
            fixture.given(group(BOB))
                    .when(new RemoveMember(C, CAROL, BOB))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class);
        }

        @Test
        void nobodyLeavesADm() {
            fixture.given(dm())
                    .when(new RemoveMember(C, BOB, BOB))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class);
        }

        @Test
        void aMemberWhoLeftCanBeAddedAgain() {
            fixture.given(group(BOB), new MemberRemoved(C, 1, BOB, BOB, EARLIER))
                    .when(new AddMembers(C, ALICE, List.of(BOB)))
                    .expectEvents(new MembersAdded(C, 2, ALICE, List.of(BOB), NOW));
        }
    }

    @Nested
    class DeletingForEveryone {

        @BeforeEach
        void messages() {
            directory.add(C, new MessageEntry(1, MessageIds.of(C, 1), null, BOB, MessageType.TEXT, EARLIER, false));
            directory.add(C, new MessageEntry(2, MessageIds.of(C, 2), null, ALICE, MessageType.SYSTEM, EARLIER, false));
        }

        @Test
        void theSenderDeletes() {
            fixture.given(group(BOB, CAROL), text(1, BOB, null))
                    .when(new DeleteMessage(C, BOB, 1))
                    .expectEvents(new MessageDeleted(C, 1, BOB, NOW))
                    .expectResultMessagePayload(new Accepted(2));
        }

        @Test
        void anAdminDeletesAnyonesMessage() {
            fixture.given(group(BOB, CAROL), text(1, BOB, null))
                    .when(new DeleteMessage(C, ALICE, 1))
                    .expectEvents(new MessageDeleted(C, 1, ALICE, NOW));
        }

        @Test
        void aPlainMemberCannotDeleteSomeoneElsesMessage() {
            fixture.given(group(BOB, CAROL), text(1, BOB, null))
                    .when(new DeleteMessage(C, CAROL, 1))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class)
                    .expectExceptionMessage(containsString("sender"));
        }

        @Test
        void aNonMemberCannotDelete() {
            fixture.given(group(BOB), text(1, BOB, null))
                    .when(new DeleteMessage(C, DAVE, 1))
                    .expectNoEvents()
                    .expectException(ChorusException.Forbidden.class);
        }

        @Test
        void anUnknownSeqIsNotFound() {
            fixture.given(group(BOB), text(1, BOB, null))
                    .when(new DeleteMessage(C, BOB, 5))
                    .expectNoEvents()
                    .expectException(ChorusException.NotFound.class)
                    .expectExceptionMessage(containsString("last seq is 1"));
        }

        @Test
        void joinsAndLeavesCannotBeDeleted() {
            fixture.given(group(BOB), text(1, BOB, null), new MembersAdded(C, 2, ALICE, List.of(CAROL), EARLIER))
                    .when(new DeleteMessage(C, ALICE, 2))
                    .expectNoEvents()
                    .expectException(ChorusException.Conflict.class);
        }

        @Test
        void deletingTwiceAppendsNothing() {
            fixture = fixture(CommandLimits.defaults()); // a fresh directory: seq 1 is deleted in this one
            directory.add(C, new MessageEntry(1, MessageIds.of(C, 1), null, BOB, MessageType.TEXT, EARLIER, true));
            fixture.given(group(BOB), text(1, BOB, null), new MessageDeleted(C, 1, BOB, EARLIER))
                    .when(new DeleteMessage(C, BOB, 1))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Accepted(2));
        }
    }

    static CommandLimits limitsWithMaxMembers(int max) {
        CommandLimits d = CommandLimits.defaults();
        return new CommandLimits(
                d.maxBodyBytes(),
                d.maxMetaBytes(),
                d.maxAttachments(),
                d.maxAttachmentBytes(),
                d.maxStorageKeyLength(),
                d.maxMimeTypeLength(),
                d.maxTitleLength(),
                max,
                DataSize.ofMegabytes(4));
    }
}
