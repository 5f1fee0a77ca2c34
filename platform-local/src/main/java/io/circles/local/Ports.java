package io.circles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ports of one data directory, kept in ports.properties so a later start of the same directory reuses them.
 */
final class Ports {

    static final String FILE = "ports.properties";

    /** One process in the users column of {@code ss -p}: {@code ("java",pid=4242,fd=12)}. */
    private static final Pattern SS_USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)");

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

    /**
     * Who listens on a TCP port, as "pid 4242 (java …)", read from {@code ss -ltnp}; empty when that cannot be told
     * (no ss, or another user's process without the rights to see it).
     */
    static Optional<String> holder(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes());
            if (!ss.waitFor(3, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return Optional.empty();
            }
            return holderIn(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first process named in {@code ss -ltnp} output, with its command line when it is readable. */
    static Optional<String> holderIn(String ssOutput) {
        Matcher m = SS_USER.matcher(ssOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(m.group(2));
        String command = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                .map(c -> c.length() > 100 ? c.substring(0, 97) + "…" : c).orElse(m.group(1));
        return Optional.of("pid " + pid + " (" + command + ")");
    }
}
