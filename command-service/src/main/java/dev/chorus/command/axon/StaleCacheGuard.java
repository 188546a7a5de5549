package dev.chorus.command.axon;

import dev.chorus.command.conversation.ConversationCommand;
import dev.chorus.command.conversation.VersionedOutcome;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ConcurrentLruCache;

/**
 * Keeps the conversation cache honest when several instances write the same conversation. The cache
 * only knows this instance's writes; a conversation changed through another instance would be
 * judged on stale state. Appends from stale state are caught by the event store's unique key (and
 * retried), but decisions that append nothing would not be: a member added elsewhere would be told
 * "not a member". So before a conversation command runs, the version this instance last saw is
 * compared with the event store's (one index lookup); if they differ, the cached aggregate is
 * evicted and the handler sources a fresh one.
 */
public final class StaleCacheGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Cache cache;
    private final JdbcClient jdbc;
    /** The version each cached conversation had when this instance last committed to it (bounded). */
    private final ConcurrentLruCache<String, long[]> lastSeen;

    public StaleCacheGuard(Cache cache, JdbcClient jdbc, int capacity) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.lastSeen = new ConcurrentLruCache<>(capacity, key -> new long[] {Long.MIN_VALUE});
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage().getPayload() instanceof ConversationCommand command)) {
            return chain.proceed();
        }
        String id = command.conversationId().toString();
        long[] seen = lastSeen.get(id);
        long stored = jdbc.sql(
                        "SELECT coalesce(max(sequence_number), -1) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id)
                .query(Long.class)
                .single();
        synchronized (seen) {
            if (stored < 0 || seen[0] != stored) {
                cache.remove(id);
            }
        }
        Object result = chain.proceed();
        if (result instanceof VersionedOutcome outcome) {
            unitOfWork.afterCommit(u -> {
                synchronized (seen) {
                    seen[0] = Math.max(seen[0], outcome.aggregateVersion());
                }
            });
        }
        unitOfWork.onRollback(u -> {
            synchronized (seen) {
                seen[0] = Long.MIN_VALUE;
            }
        });
        return result;
    }
}
