package io.circles.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polling assertions shared by the tests. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ProcessRegistry.sleep(50);
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    static void gone(ProcessHandle p) {
        until("process " + p.pid() + " to exit", Duration.ofSeconds(10), () -> !p.isAlive());
    }
}
