package dev.chorus.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of wire names and current schema versions, derived from the sealed hierarchy. */
public final class EventTypes {

    public record Descriptor(String name, int version, Class<? extends ChatEvent> type) {}

    private static final List<Class<? extends ChatEvent>> ALL = List.of(
            ConversationCreated.class,
            MembersAdded.class,
            MemberRemoved.class,
            MessageSent.class,
            MessageDeleted.class,
            ReadPointerMoved.class,
            MessageHidden.class,
            ConversationMuted.class);

    private static final Map<Class<?>, Descriptor> BY_CLASS = ALL.stream()
            .map(EventTypes::descriptorOf)
            .collect(Collectors.toUnmodifiableMap(Descriptor::type, Function.identity()));

    private static final Map<String, Descriptor> BY_NAME =
            BY_CLASS.values().stream().collect(Collectors.toUnmodifiableMap(Descriptor::name, Function.identity()));

    private EventTypes() {}

    public static List<Descriptor> all() {
        return ALL.stream().map(BY_CLASS::get).toList();
    }

    public static Descriptor describe(Class<?> eventClass) {
        Descriptor d = BY_CLASS.get(eventClass);
        if (d == null) {
            throw new IllegalArgumentException("Not a registered event type: " + eventClass.getName());
        }
        return d;
    }

    /** Looks a type up by wire name, or by Java class name (as Axon stores it in the event store). */
    public static Descriptor byName(String nameOrClassName) {
        Descriptor d = BY_NAME.get(nameOrClassName);
        if (d == null) {
            d = BY_CLASS.values().stream()
                    .filter(x -> x.type().getName().equals(nameOrClassName))
                    .findFirst()
                    .orElse(null);
        }
        if (d == null) {
            throw new UnknownEventTypeException(nameOrClassName);
        }
        return d;
    }

    private static Descriptor descriptorOf(Class<? extends ChatEvent> c) {
        EventType t = c.getAnnotation(EventType.class);
        if (t == null) {
            throw new IllegalStateException(c.getName() + " lacks @EventType");
        }
        return new Descriptor(t.name(), t.version(), c);
    }

    public static final class UnknownEventTypeException extends RuntimeException {
        public UnknownEventTypeException(String name) {
            super("Unknown event type: " + name);
        }
    }
}
