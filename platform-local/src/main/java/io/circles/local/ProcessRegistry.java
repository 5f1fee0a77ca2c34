package io.circles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Records every process this module starts, so a later start can stop the ones whose owning JVM died.
 */
final class ProcessRegistry {

    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "circles-local", "pids");

    private static final Duration GRACE = Duration.ofSeconds(10);

    /** One registered process; the start instants guard against pids the kernel has since reused. */
    record Entry(long pid, String kind, String dataDir, long owner, long startMillis, long ownerStartMillis,
                 String marker, Path file) {
    }

    private ProcessRegistry() {
    }

    static void register(ProcessHandle process, String kind, Path dataDir, String marker) throws IOException {
        Files.createDirectories(DIR);
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(process.pid()));
        p.setProperty("kind", kind);
        p.setProperty("dataDir", dataDir.toString());
        p.setProperty("owner", Long.toString(self.pid()));
        p.setProperty("startMillis", Long.toString(startMillis(process)));
        p.setProperty("ownerStartMillis", Long.toString(startMillis(self)));
        p.setProperty("marker", marker == null ? "" : marker);
        Path file = DIR.resolve(kind + "-" + process.pid() + ".properties");
        // Written under a temporary name then moved, so a concurrent reaper never reads half an entry.
        Path tmp = Files.createTempFile(DIR, ".entry", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "circles-local process");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void unregister(long pid) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*-" + pid + ".properties")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // Nothing registered (no directory yet) or already removed by a reaper.
        }
    }

    static List<Entry> entries() {
        List<Entry> result = new ArrayList<>();
        if (!Files.isDirectory(DIR)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*.properties")) {
            for (Path f : files) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                    result.add(new Entry(Long.parseLong(p.getProperty("pid")), p.getProperty("kind"),
                            p.getProperty("dataDir"), Long.parseLong(p.getProperty("owner")),
                            Long.parseLong(p.getProperty("startMillis", "0")),
                            Long.parseLong(p.getProperty("ownerStartMillis", "0")),
                            p.getProperty("marker", ""), f));
                } catch (IOException | RuntimeException e) {
                    // A corrupt entry can never be matched safely: drop it.
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ignored) {
            // Directory vanished meanwhile.
        }
        return result;
    }

    /**
     * Stops every registered process whose owner JVM is gone, and forgets entries whose process is gone.
     *
     * @return how many orphan processes were stopped
     */
    static synchronized int reapOrphans() {
        List<ProcessHandle> victims = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Entry e : entries()) {
            Optional<ProcessHandle> process = live(e.pid(), e.startMillis(), e.marker());
            if (process.isEmpty()) {
                deleteQuietly(e.file());
                continue;
            }
            if (live(e.owner(), e.ownerStartMillis(), null).isPresent()) {
                continue;
            }
            victims.add(process.get());
            kinds.add(e.kind());
            deleteQuietly(e.file());
        }
        terminate(victims, kinds);
        return victims.size();
    }

    /** Stops a process recorded in a pid file (postmaster.pid, redis.pid, …) if it still runs with that marker. */
    static boolean stopFromPidFile(Path pidFile, String kind, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(first);
            Optional<ProcessHandle> process = live(pid, 0, marker);
            if (process.isPresent() && process.get().pid() != ProcessHandle.current().pid()) {
                terminate(List.of(process.get()), List.of(kind));
                unregister(pid);
                return true;
            }
        } catch (IOException | NumberFormatException ignored) {
            // Unreadable pid file: nothing we can safely stop.
        }
        return false;
    }

    /** TERM (INT for PostgreSQL, whose TERM waits for clients), then KILL whatever is left after the grace period. */
    static void terminate(List<ProcessHandle> processes, List<String> kinds) {
        for (int i = 0; i < processes.size(); i++) {
            ProcessHandle p = processes.get(i);
            if ("postgres".equals(kinds.get(i))) {
                signal(p.pid(), "INT");
            } else {
                p.destroy();
            }
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle p : processes) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                sleep(50);
            }
            if (p.isAlive()) {
                p.destroyForcibly();
                long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (p.isAlive() && System.nanoTime() < killDeadline) {
                    sleep(20);
                }
            }
        }
    }

    /** Waits until the process is gone; true if it is. */
    static boolean awaitExit(ProcessHandle p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            sleep(20);
        }
        return !p.isAlive();
    }

    /**
     * The live process with this pid, provided it is still the one we recorded: same start instant when known,
     * otherwise a command line containing the marker.
     */
    static Optional<ProcessHandle> live(long pid, long startMillis, String marker) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return handle;
        }
        ProcessHandle h = handle.get();
        if (startMillis > 0) {
            long actual = startMillis(h);
            if (actual > 0 && Math.abs(actual - startMillis) > 1000) {
                return Optional.empty();
            }
        }
        if (marker != null && !marker.isEmpty()) {
            String command = commandLine(h);
            if (!command.contains(marker)) {
                return Optional.empty();
            }
        }
        return handle;
    }

    static String commandLine(ProcessHandle h) {
        // The JDK cuts ProcessHandle.Info.commandLine() at 4096 bytes, before the main class of a JVM with a long
        // classpath: read the kernel's full copy when there is one.
        Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try {
            byte[] raw = Files.readAllBytes(proc);
            if (raw.length > 0) {
                return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException | SecurityException ignored) {
            // Not Linux, or the process just exited: fall back to what the JDK offers.
        }
        ProcessHandle.Info info = h.info();
        return info.commandLine().orElseGet(() -> info.command().orElse(""));
    }

    static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // Another JVM removed it first.
        }
    }
}
