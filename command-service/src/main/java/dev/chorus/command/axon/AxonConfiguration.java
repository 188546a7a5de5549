package dev.chorus.command.axon;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import dev.chorus.command.lookup.CommandLookupProjector;
import dev.chorus.command.relay.KafkaRelay;
import dev.chorus.events.EventCodec;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Axon on PostgreSQL without Axon Server: JSON everywhere (payloads exactly as {@link EventCodec}
 * writes them), snake_case tables owned by Flyway, optimistic-locking conflicts retried, domain errors
 * carried as serializable details, and error handlers that never skip an event.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    // ---- serialization --------------------------------------------------------------------------

    @Bean
    public RevisionResolver revisionResolver() {
        return new EventTypeRevisionResolver();
    }

    /** Tokens, snapshots and anything else: the same JSON settings as the event payloads. */
    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(RevisionResolver revisionResolver) {
        return jackson(revisionResolver);
    }

    private static Serializer jackson(RevisionResolver revisionResolver) {
        // A fresh mapper per serializer: Axon registers its own modules on the one it is given.
        return JacksonSerializer.builder()
                .objectMapper(EventCodec.newObjectMapper())
                .revisionResolver(revisionResolver)
                .build();
    }

    @Bean
    public EventUpcaster sharedEventsUpcaster() {
        return new SharedEventsUpcaster();
    }

    // ---- storage --------------------------------------------------------------------------------

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    // ---- aggregates -----------------------------------------------------------------------------

    /**
     * Conversations stay in memory between commands, the least recently used evicted beyond {@code
     * chorus.commands.cached-conversations}. Not Axon's WeakReferenceCache: it holds each saved
     * aggregate only through a fresh, weakly reachable entry object, so every young GC emptied it and
     * busy conversations were replayed from the event store on most commands.
     */
    @Bean
    public Cache conversationCache(javax.cache.CacheManager conversationCacheManager, AxonProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(properties.cachedConversations()));
        configuration.setStoreByValue(false);
        return new JCacheAdapter(conversationCacheManager.createCache("conversations", configuration));
    }

    /** One cache manager per application context (JCache's default one is JVM-wide). */
    @Bean(destroyMethod = "close")
    public javax.cache.CacheManager conversationCacheManager() {
        CachingProvider provider = Caching.getCachingProvider(CaffeineCachingProvider.class.getName());
        return provider.getCacheManager(
                URI.create("chorus-conversations-" + UUID.randomUUID()),
                getClass().getClassLoader());
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(new CustomizableThreadFactory("snapshotter-"));
    }

    /** Snapshots are taken after the command's commit on their own thread, off the request path. */
    @Bean
    public Snapshotter snapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory,
            @Qualifier("snapshotExecutor") ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean
    public SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter, AxonProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    // ---- commands -------------------------------------------------------------------------------

    /** Registered on the command bus by Axon's InterceptorAutoConfiguration. */
    @Bean
    public DomainErrorInterceptor domainErrorInterceptor() {
        return new DomainErrorInterceptor();
    }

    /** Evicts a cached conversation that another instance has written since (registered like the above). */
    @Bean
    public StaleCacheGuard staleCacheGuard(@Qualifier("conversationCache") Cache conversationCache, JdbcClient jdbc) {
        return new StaleCacheGuard(conversationCache, jdbc, 100_000);
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("command-retry-");
        threads.setDaemon(true);
        return Executors.newScheduledThreadPool(1, threads);
    }

    @Bean
    public CommandGateway commandGateway(
            CommandBus commandBus,
            @Qualifier("commandRetryExecutor") ScheduledExecutorService commandRetryExecutor,
            AxonProperties properties) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(
                        commandRetryExecutor,
                        properties.conflictRetries(),
                        properties.conflictRetryDelay().toMillis()))
                .build();
    }

    // ---- event processors -----------------------------------------------------------------------

    /**
     * Both processors must fail loudly: the lookup tables roll the command back (so a unique key
     * can reject it), and the relay retries the batch instead of skipping an event.
     */
    @Bean
    public ConfigurerModule propagatingEventErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CommandLookupProjector.PROCESSOR, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(CommandLookupProjector.PROCESSOR, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSOR, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaRelay.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
