package io.circles.local;

import java.util.ArrayList;
import java.util.List;

/**
 * One JVM shutdown hook that closes what is still open, newest first (services before the infrastructure
 * they use).
 */
final class ExitHooks {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static boolean installed;

    private ExitHooks() {
    }

    static synchronized void add(AutoCloseable closeable) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitHooks::closeAll, "circles-local-shutdown"));
            installed = true;
        }
        OPEN.remove(closeable);
        OPEN.add(closeable);
    }

    static synchronized void remove(AutoCloseable closeable) {
        OPEN.remove(closeable);
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (ExitHooks.class) {
                if (OPEN.isEmpty()) {
                    return;
                }
                next = OPEN.remove(OPEN.size() - 1);
            }
            try {
                next.close();
            } catch (Throwable e) {
                System.err.println("circles-local: could not stop " + next + ": " + e);
            }
        }
    }
}
