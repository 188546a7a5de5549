package dev.chorus.command.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A fake of the directory for aggregate fixture tests only; the real one is tested on PostgreSQL. */
final class InMemoryMessageDirectory implements MessageDirectory {

    private record Row(UUID conversationId, MessageEntry entry) {}

    private final List<Row> rows = new ArrayList<>();

    void add(UUID conversationId, MessageEntry entry) {
        rows.add(new Row(conversationId, entry));
    }

    @Override
    public Optional<MessageEntry> findByClientMessageId(UUID conversationId, UUID clientMessageId) {
        return rows.stream()
                .filter(r -> r.conversationId().equals(conversationId)
                        && Objects.equals(r.entry().clientMessageId(), clientMessageId))
                .map(Row::entry)
                .findFirst();
    }

    @Override
    public Optional<MessageEntry> find(UUID conversationId, long seq) {
        return rows.stream()
                .filter(r ->
                        r.conversationId().equals(conversationId) && r.entry().seq() == seq)
                .map(Row::entry)
                .findFirst();
    }
}
