package io.circles.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void startsAllThreeWithQuarkusConfigAndStopsThemAll() throws Exception {
        List<ProcessHandle> processes = new ArrayList<>();
        int kafkaPort;
        try (LocalInfrastructure infra = LocalInfrastructure.start(dir, List.of("community"))) {
            assertTrue(Files.isDirectory(dir.resolve("kafka")));
            assertTrue(Files.isDirectory(dir.resolve("postgres")));
            assertTrue(Files.isDirectory(dir.resolve("redis")));

            Map<String, String> withDb = infra.quarkusConfig("community");
            assertEquals(infra.kafka().bootstrapServers(), withDb.get("kafka.bootstrap.servers"));
            assertEquals(infra.postgres().reactiveUrl("community"), withDb.get("quarkus.datasource.reactive.url"));
            assertEquals(infra.postgres().jdbcUrl("community"), withDb.get("quarkus.datasource.jdbc.url"));
            assertEquals("postgres", withDb.get("quarkus.datasource.username"));
            assertEquals(infra.postgres().password(), withDb.get("quarkus.datasource.password"));
            assertEquals(infra.redis().uri(), withDb.get("quarkus.redis.hosts"));
            Map<String, String> noDb = infra.quarkusConfig(null);
            // Packaged services log plain text here, whatever their prod profile says.
            assertEquals(Map.of("kafka.bootstrap.servers", infra.kafka().bootstrapServers(),
                    "quarkus.redis.hosts", infra.redis().uri(),
                    "%prod.quarkus.log.console.json.enabled", "false"), noDb);

            try (Connection c = DriverManager.getConnection(withDb.get("quarkus.datasource.jdbc.url"),
                    withDb.get("quarkus.datasource.username"), withDb.get("quarkus.datasource.password"))) {
                assertTrue(c.isValid(2));
            }
            assertEquals("PONG", Resp.call(infra.redis().port(), "PING"));
            kafkaPort = Integer.parseInt(infra.kafka().bootstrapServers().split(":")[1]);
            try (Socket s = new Socket("127.0.0.1", kafkaPort)) {
                assertTrue(s.isConnected());
            }
            processes.add(infra.kafka().processHandle());
            processes.add(infra.postgres().processHandle());
            processes.add(infra.redis().processHandle());
        }
        for (ProcessHandle p : processes) {
            Await.gone(p);
        }
        // Ports are kept for the next start of the same directory.
        assertTrue(Files.readString(dir.resolve("kafka").resolve(Ports.FILE)).contains("kafka.port=" + kafkaPort));
    }
}
