package io.circles.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalRedisTest {

    @TempDir
    Path dir;

    @Test
    void setGetAndKeepsDataAcrossARestart() throws Exception {
        try (LocalRedis redis = LocalRedis.start(dir)) {
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
            assertEquals("OK", Resp.call(redis.port(), "SET", "greeting", "hello"));
            assertEquals("hello", Resp.call(redis.port(), "GET", "greeting"));

            ProcessHandle first = redis.processHandle();
            assertNotNull(first, "the redis-server pid is known");
            assertTrue(ProcessRegistry.commandLine(first).contains("redis-server"));
            int port = redis.port();
            redis.stop();
            Await.gone(first);

            redis.restart();
            assertEquals(port, redis.port());
            assertEquals("hello", Resp.call(redis.port(), "GET", "greeting"));

            ProcessHandle second = redis.processHandle();
            redis.close();
            Await.gone(second);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("appendonly")),
                    "append-only file in the data directory");
        }
    }

    @Test
    void aBinaryTheKernelCallsBusyIsStartedAgainAnythingElseIsNot() {
        // what ProcessBuilder reports when a child forked by another thread still holds the new binary open
        assertTrue(LocalRedis.textFileBusy(new java.io.IOException("Failed to start Redis service", new java.io
                .IOException("Cannot run program \"/tmp/redis-1/redis-server\": error=26, Text file busy"))));
        assertFalse(LocalRedis.textFileBusy(new java.io.IOException("Cannot run program: error=2, No such file")));
        assertFalse(LocalRedis.textFileBusy(new java.io.IOException("Failed to start Redis service")));
    }
}
