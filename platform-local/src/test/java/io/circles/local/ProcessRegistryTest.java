package io.circles.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessRegistryTest {

    @TempDir
    Path dir;

    @Test
    void nextStartKillsAProcessWhoseOwnerJvmIsDead() throws Exception {
        // The dead owner: a process that has already exited.
        Process owner = new ProcessBuilder("true").start();
        owner.waitFor();
        ProcessHandle ownerHandle = owner.toHandle();
        Process orphan = new ProcessBuilder("sleep", "300").start();
        ProcessHandle victim = orphan.toHandle();
        Path entry = writeEntry(victim, ownerHandle.pid(), "sleep");

        // Any component start reaps first; Redis is the quickest.
        try (LocalRedis redis = LocalRedis.start(dir)) {
            Await.until("orphan to be killed", Duration.ofSeconds(15), () -> !victim.isAlive());
            assertFalse(Files.exists(entry), "entry removed");
        }
    }

    @Test
    void leavesAProcessAloneWhileItsOwnerLivesOrWhenThePidWasReused() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        try {
            // Owner alive (this JVM): kept.
            Path owned = writeEntry(child.toHandle(), ProcessHandle.current().pid(), "sleep");
            ProcessRegistry.reapOrphans();
            assertTrue(child.isAlive());
            Files.delete(owned);

            // Dead owner, but the recorded command does not match what runs under that pid now: not ours to kill.
            Process owner = new ProcessBuilder("true").start();
            owner.waitFor();
            Path reused = writeEntry(child.toHandle(), owner.pid(), "redis-server");
            ProcessRegistry.reapOrphans();
            assertTrue(child.isAlive());
            assertFalse(Files.exists(reused), "an entry for a process that is gone is dropped");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static Path writeEntry(ProcessHandle process, long owner, String marker) throws Exception {
        Files.createDirectories(ProcessRegistry.DIR);
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(process.pid()));
        p.setProperty("kind", "test");
        p.setProperty("dataDir", "/nonexistent");
        p.setProperty("owner", Long.toString(owner));
        p.setProperty("startMillis", "0");
        p.setProperty("ownerStartMillis", "0");
        p.setProperty("marker", marker);
        Path file = ProcessRegistry.DIR.resolve("test-" + process.pid() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        return file;
    }
}
