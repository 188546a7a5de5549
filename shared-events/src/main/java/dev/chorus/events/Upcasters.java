package dev.chorus.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Every schema change ever made, oldest first. Replaying old events runs them in order. */
final class Upcasters {

    /** MessageSent v1 carried the text as {@code text} and had no attachments. */
    static final Upcaster MESSAGE_SENT_V1_TO_V2 = new Upcaster() {
        @Override
        public String type() {
            return "MessageSent";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            ObjectNode out = payload.deepCopy();
            out.set("body", out.remove("text"));
            if (!out.has("attachments")) {
                out.putArray("attachments");
            }
            return out;
        }
    };

    static final List<Upcaster> ALL = List.of(MESSAGE_SENT_V1_TO_V2);

    private Upcasters() {}

    static ObjectNode upcast(String type, int fromVersion, int toVersion, ObjectNode payload) {
        ObjectNode current = payload;
        for (int v = fromVersion; v < toVersion; v++) {
            final int version = v;
            Upcaster step = ALL.stream()
                    .filter(u -> u.type().equals(type) && u.fromVersion() == version)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No upcaster for " + type + " v" + version));
            current = step.upcast(current);
        }
        return current;
    }
}
