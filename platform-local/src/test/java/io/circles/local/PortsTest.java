package io.circles.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void theHolderOfAPortIsReadFromSsOutput() {
        String line = "LISTEN 0      4096   127.0.0.1:8081   0.0.0.0:*    users:((\"java\",pid=424242,fd=12))\n";
        assertEquals("pid 424242 (java)", Ports.holderIn(line).orElseThrow(),
                "a pid that is not running keeps the name ss gave");
        assertTrue(Ports.holderIn("").isEmpty(), "nothing listens: no holder");
        assertTrue(Ports.holderIn("LISTEN 0 4096 127.0.0.1:8081 0.0.0.0:*\n").isEmpty(),
                "no users column (another user's process): no holder");
    }

    @Test
    void theHolderOfAPortThisProcessListensOnIsThisProcess() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String holder = Ports.holder(socket.getLocalPort()).orElseThrow(
                    () -> new AssertionError("ss named no process listening on " + socket.getLocalPort()));
            assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " ("), holder);
        }
    }
}
