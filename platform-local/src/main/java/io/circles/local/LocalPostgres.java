package io.circles.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 14 server (zonky embedded binaries) on a free local port, data kept in its directory.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String USER = "postgres";
    // Trust authentication: the server never asks for it, but Quarkus wants a password configured.
    private static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final Path pgData;
    private final int port;
    private EmbeddedPostgres postgres;
    private ProcessHandle postmaster;

    private LocalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.pgData = dataDir.resolve("data");
        this.port = port;
    }

    /** Starts PostgreSQL with data in dataDir and creates the databases that do not exist yet. */
    public static LocalPostgres start(Path dataDir, Collection<String> databases) throws IOException {
        for (String db : databases) {
            if (!DATABASE_NAME.matcher(db).matches()) {
                throw new IllegalArgumentException("not a plain database name: " + db);
            }
        }
        ProcessRegistry.reapOrphans();
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path pgData = dir.resolve("data");
        ProcessRegistry.stopFromPidFile(pgData.resolve("postmaster.pid"), "postgres", pgData.toString());
        int port = Ports.load(dir, "postgres.port")[0];
        LocalPostgres pg = new LocalPostgres(dir, port);
        pg.launch();
        try {
            pg.createDatabases(databases);
        } catch (SQLException e) {
            pg.close();
            throw new IOException("could not create databases " + databases + ": " + e.getMessage(), e);
        }
        return pg;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Fast shutdown (open sessions are ended); returns once the postmaster is gone. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("circles-local: pg_ctl stop failed, killing the postmaster: " + e.getMessage());
        }
        if (postmaster != null && !ProcessRegistry.awaitExit(postmaster, Duration.ofSeconds(10))) {
            ProcessRegistry.terminate(List.of(postmaster), List.of("postgres"));
        }
        if (postmaster != null) {
            ProcessRegistry.unregister(postmaster.pid());
        }
        postgres = null;
        postmaster = null;
    }

    /** Starts again after stop(): same port and data. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        ExitHooks.remove(this);
    }

    /** The postmaster while it runs; for tests checking that nothing is left behind. */
    ProcessHandle processHandle() {
        return postmaster;
    }

    @Override
    public String toString() {
        return "postgres on 127.0.0.1:" + port;
    }

    private synchronized void launch() throws IOException {
        Files.createDirectories(pgData);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                // localhost = loopback only, both 127.0.0.1 and ::1 (zonky itself connects to "localhost").
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "300")
                .setRegisterShutdownHook(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        postmaster = readPostmaster().orElse(null);
        if (postmaster != null) {
            ProcessRegistry.register(postmaster, "postgres", dataDir, pgData.toString());
        }
        ExitHooks.add(this);
    }

    private Optional<ProcessHandle> readPostmaster() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
        return ProcessHandle.of(Long.parseLong(first));
    }

    private void createDatabases(Collection<String> databases) throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement st = c.createStatement()) {
            Set<String> existing = new HashSet<>();
            try (ResultSet rs = st.executeQuery("select datname from pg_database")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (String db : new ArrayList<>(databases)) {
                if (!existing.contains(db)) {
                    st.execute("create database \"" + db + "\"");
                    existing.add(db);
                }
            }
        }
    }
}
