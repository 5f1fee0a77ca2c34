package io.circles.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void createsDatabasesAndKeepsDataAcrossARestart() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir, List.of("alpha", "beta"))) {
            assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/alpha", pg.jdbcUrl("alpha"));
            assertEquals("postgresql://127.0.0.1:" + pg.port() + "/alpha", pg.reactiveUrl("alpha"));
            for (String db : List.of("alpha", "beta")) {
                assertEquals(1, queryInt(pg, db, "select 1"));
            }
            assertTrue(queryInt(pg, "alpha", "select setting::int from pg_settings where name = 'max_connections'")
                    >= 300);
            execute(pg, "alpha", "create table kept (v int); insert into kept values (42)");

            ProcessHandle first = pg.processHandle();
            assertNotNull(first, "the postmaster pid is known");
            int port = pg.port();
            pg.stop();
            Await.gone(first);

            pg.restart();
            assertEquals(port, pg.port());
            assertEquals(42, queryInt(pg, "alpha", "select v from kept"));

            ProcessHandle second = pg.processHandle();
            pg.close();
            Await.gone(second);
        }
        // A second start of the same directory finds the databases already there.
        try (LocalPostgres pg = LocalPostgres.start(dir, List.of("alpha", "gamma"))) {
            assertEquals(42, queryInt(pg, "alpha", "select v from kept"));
            assertEquals(1, queryInt(pg, "gamma", "select 1"));
        }
    }

    private static int queryInt(LocalPostgres pg, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    private static void execute(LocalPostgres pg, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
