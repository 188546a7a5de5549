package dev.chorus.command.axon;

import dev.chorus.events.EventCodec;
import dev.chorus.events.EventTypes;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Lets Axon read events stored under an older schema version: shared-events owns the upcasting
 * rules ({@link EventCodec#decodePayload}), this adapter applies them to the event store's stream
 * so an aggregate is always sourced from current records.
 */
public final class SharedEventsUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        if (revision == null) {
            return false;
        }
        try {
            return Integer.parseInt(revision)
                    < EventTypes.byName(representation.getType().getName()).version();
        } catch (EventTypes.UnknownEventTypeException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        int fromVersion = Integer.parseInt(representation.getType().getRevision());
        EventTypes.Descriptor current = EventTypes.byName(type);
        return representation.upcastPayload(
                new SimpleSerializedType(type, Integer.toString(current.version())),
                byte[].class,
                payload -> EventCodec.encodePayload(EventCodec.decodePayload(type, fromVersion, payload)));
    }
}
