package dev.chorus.command.relay;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Whether a Kafka broker answers. Part of {@code /actuator/health} but deliberately not of the
 * readiness group: commands keep working while Kafka is away (the event store is the outbox; the
 * relay catches up), so a broker outage must not take the service out of the load balancer.
 */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final AdminClient admin;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                .nodes()
                .get(3, TimeUnit.SECONDS);
        builder.up().withDetail("brokers", nodes.size());
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
