package io.circles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Ports of one data directory, kept in ports.properties so a later start of the same directory reuses them.
 */
final class Ports {

    static final String FILE = "ports.properties";

    private Ports() {
    }

    /** The persisted ports for these names, reusing each one if it is still free, else a new free port. */
    static synchronized int[] load(Path dataDir, String... names) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        int[] ports = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            int port = parse(p.getProperty(names[i]));
            if (port <= 0 || !isFree(port)) {
                port = freePort();
            }
            ports[i] = port;
            p.setProperty(names[i], Integer.toString(port));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "ports reused by later starts of this data directory");
        }
        return ports;
    }

    static boolean isFree(int port) {
        return isFree(InetAddress.getLoopbackAddress(), port);
    }

    /** True if nothing listens on the port; address null checks the wildcard address (what Quarkus binds). */
    static boolean isFree(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
