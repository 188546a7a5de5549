package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/ is not run by any test here (no cluster, no Docker engine), so this checks what can go wrong
 * silently: YAML that does not parse, a probe on the wrong path, an env reference to a key that no
 * ConfigMap or Secret has, a service without its HPA, more projection replicas than partitions.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final List<String> SERVICES = List.of("command-service", "query-service", "projection-service");
    private static final List<String> REQUIRED_ENV = List.of(
            "SERVER_PORT",
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS",
            "CHAT_JWT_SECRET");

    @Test
    void everyKubernetesDocumentParsesAndIsNamed() throws IOException {
        List<Map<String, Object>> docs = kubernetesDocuments();

        assertThat(docs).hasSizeGreaterThanOrEqualTo(11);
        for (Map<String, Object> doc : docs) {
            assertThat(doc).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(doc, "metadata")).containsKey("name");
        }
    }

    @Test
    void eachServiceHasADeploymentWithProbesResourcesAndEnvironmentAServiceAndItsOwnAutoscaler() throws IOException {
        List<Map<String, Object>> docs = kubernetesDocuments();
        Map<String, Object> config = data(find(docs, "ConfigMap", "chorus-config"), "data");
        Map<String, Object> secret = data(find(docs, "Secret", "chorus-secrets"), "stringData");

        for (String service : SERVICES) {
            Map<String, Object> container = first(
                    list(map(map(map(find(docs, "Deployment", service), "spec"), "template"), "spec"), "containers"));
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
            assertThat(map(map(container, "resources"), "limits")).containsKeys("cpu", "memory");

            Set<String> envNames = new HashSet<>();
            for (Map<String, Object> env : maps(list(container, "env"))) {
                envNames.add((String) env.get("name"));
                Map<String, Object> from = mapOrNull(env, "valueFrom");
                if (from != null && from.containsKey("configMapKeyRef")) {
                    assertThat(config)
                            .containsKey((String) map(from, "configMapKeyRef").get("key"));
                }
                if (from != null && from.containsKey("secretKeyRef")) {
                    assertThat(secret)
                            .containsKey((String) map(from, "secretKeyRef").get("key"));
                }
            }
            assertThat(envNames).containsAll(REQUIRED_ENV);

            assertThat(find(docs, "Service", service)).isNotNull();
            Map<String, Object> hpa = find(docs, "HorizontalPodAutoscaler", service);
            assertThat(path(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(service);
        }
    }

    @Test
    void theEventStoreAndTheReadModelAreSeparateDatabases() throws IOException {
        List<Map<String, Object>> docs = kubernetesDocuments();

        assertThat(datasourceKey(docs, "command-service")).isEqualTo("EVENT_STORE_JDBC_URL");
        assertThat(datasourceKey(docs, "query-service")).isEqualTo("READ_MODEL_JDBC_URL");
        assertThat(datasourceKey(docs, "projection-service")).isEqualTo("READ_MODEL_JDBC_URL");
    }

    @Test
    void projectionReplicasNeverExceedTheTopicPartitions() throws IOException {
        List<Map<String, Object>> docs = kubernetesDocuments();
        int partitions = Integer.parseInt(
                (String) data(find(docs, "ConfigMap", "chorus-config"), "data").get("CHORUS_KAFKA_PARTITIONS"));

        Map<String, Object> hpa = find(docs, "HorizontalPodAutoscaler", "projection-service");

        assertThat((Integer) map(hpa, "spec").get("maxReplicas")).isLessThanOrEqualTo(partitions);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization =
                load(DEPLOY.resolve("k8s/kustomization.yaml")).get(0);
        List<Object> resources = list(kustomization, "resources");
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            List<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void composeRunsPostgresKafkaAndTheThreeServicesWithTheirEnvironment() throws IOException {
        Map<String, Object> compose = load(DEPLOY.resolve("compose.yaml")).get(0);
        Map<String, Object> services = map(compose, "services");

        assertThat(services).containsKeys("postgres", "kafka");
        for (String service : SERVICES) {
            Map<String, Object> env = map(map(services, service), "environment");
            assertThat(env).containsKeys(REQUIRED_ENV.toArray(String[]::new));
            assertThat(list(map(services, service), "volumes").get(0).toString())
                    .startsWith("../" + service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar:");
        }
        assertThat(Files.readString(DEPLOY.resolve("compose/init-databases.sql")))
                .contains("CREATE DATABASE chorus_events", "CREATE DATABASE chorus_read");
    }

    @Test
    void grafanaDashboardHasAQueryForEachKeyMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(DEPLOY.resolve("grafana/chorus-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));

        assertThat(String.join("\n", expressions))
                .contains("http_server_requests_seconds")
                .contains("chorus_projection_event_age_seconds_bucket")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .contains("chorus_projection_fanout_rows_total")
                .contains("chorus_relay");
    }

    private static String datasourceKey(List<Map<String, Object>> docs, String service) {
        Map<String, Object> container =
                first(list(map(map(map(find(docs, "Deployment", service), "spec"), "template"), "spec"), "containers"));
        for (Map<String, Object> env : maps(list(container, "env"))) {
            if ("SPRING_DATASOURCE_URL".equals(env.get("name"))) {
                return (String) path(env, "valueFrom", "configMapKeyRef", "key");
            }
        }
        throw new AssertionError("No SPRING_DATASOURCE_URL for " + service);
    }

    private static List<Map<String, Object>> kubernetesDocuments() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    docs.addAll(load(file));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
        }
        return docs;
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind"))
                        && name.equals(map(d, "metadata").get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " in deploy/k8s"));
    }

    private static Map<String, Object> data(Map<String, Object> doc, String key) {
        return map(doc, key);
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            node = ((Map<?, ?>) node).get(key);
            if (node == null) {
                throw new AssertionError("Missing " + String.join(".", keys));
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrNull(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<Object> list) {
        return list.stream().map(o -> (Map<String, Object>) o).toList();
    }

    private static Map<String, Object> first(List<Object> list) {
        return maps(list).get(0);
    }
}
