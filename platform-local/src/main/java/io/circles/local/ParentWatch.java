package io.circles.local;

import java.util.Optional;

/**
 * Makes a child JVM exit by itself when the JVM that started it dies, even if that one was killed with -9.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    static void start(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Thread watcher = new Thread(() -> {
            // The handle remembers the parent's start time, so a reused pid does not look like a live parent.
            while (parent.isPresent() && parent.get().isAlive()) {
                ProcessRegistry.sleep(500);
            }
            Thread reaper = new Thread(() -> {
                ProcessRegistry.sleep(20_000);
                Runtime.getRuntime().halt(1);
            }, "parent-watch-halt");
            reaper.setDaemon(true);
            reaper.start();
            // exit (not halt) first so the child's own shutdown hooks close its files cleanly.
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static long parsePid(String arg) {
        try {
            return Long.parseLong(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("first argument must be the parent pid, got " + arg, e);
        }
    }
}
