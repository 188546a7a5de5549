package dev.chorus.devstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * Stands in for a service jar in the launcher's own tests: ready on {@code /actuator/health/readiness}
 * once it has the environment a real service needs, and echoes that environment on {@code /env}.
 * {@code FAKE_MODE=crash} exits at once with a message, like a service with a bad configuration.
 */
public final class FakeService {

    static final List<String> REQUIRED = List.of(
            "SERVER_PORT",
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS",
            "CHAT_JWT_SECRET");

    public static void main(String[] args) throws IOException {
        if ("crash".equals(System.getenv("FAKE_MODE"))) {
            System.out.println("APPLICATION FAILED TO START: fake failure for the test");
            System.exit(3);
        }
        for (String name : REQUIRED) {
            if (System.getenv(name) == null) {
                System.out.println("missing " + name);
                System.exit(4);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/env", exchange -> {
            StringBuilder lines = new StringBuilder();
            new TreeMap<>(System.getenv())
                    .forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
            byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service up on " + System.getenv("SERVER_PORT"));
    }
}
