package io.circles.system.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.circles.local.LocalPostgres;
import io.circles.system.PlatformUnderTest;
import io.circles.test.KafkaProbe;
import io.circles.test.ReceivedEvent;

/**
 * Proves that a rejected request wrote nothing: a fingerprint (row count and a hash of every row) of each table a
 * service's HTTP calls write, taken before and after the request, and the CloudEvents on the service's topics, none of
 * which may have been produced while a rejected request was being handled.
 */
final class WriteLedger implements AutoCloseable {

    /** Tables written by others than the HTTP call: the outbox relay, consumers and their projections. */
    private static final Set<String> NOT_WRITTEN_BY_REQUESTS = Set.of("outbox_event", "processed_event",
            "flyway_schema_history", "community_member", "impression", "media_upload", "media_use");

    private static final Map<String, String> DATABASES = Map.of(
            "community-service", "community", "event-service", "event", "merchant-service", "merchant",
            "media-service", "media", "notification-service", "notification");

    private static final Map<String, List<String>> TOPICS = Map.of(
            "community-service", List.of("community.events.v1", "community.posts.v1", "people.events.v1"),
            "event-service", List.of("activity.events.v1"),
            "merchant-service", List.of("merchant.events.v1", "merchant.content.v1"),
            "media-service", List.of("media.events.v1"));

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> fingerprintQueries = new LinkedHashMap<>();
    private final List<KafkaProbe> probes = new ArrayList<>();
    private final List<Instant[]> rejectedWindows = new ArrayList<>();

    WriteLedger() throws SQLException {
        LocalPostgres postgres = PlatformUnderTest.get().infrastructure().postgres();
        for (Map.Entry<String, String> database : DATABASES.entrySet()) {
            Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database.getValue()),
                    postgres.username(), postgres.password());
            auditOutbox(connection);
            connections.put(database.getKey(), connection);
            fingerprintQueries.put(database.getKey(), fingerprintQuery(connection, database.getKey()));
        }
        TOPICS.values().forEach(topics -> topics.forEach(topic -> probes.add(KafkaProbe.on(topic))));
    }

    /** Whether the service keeps state in a database this ledger reads. */
    boolean tracks(String service) {
        return connections.containsKey(service);
    }

    /** Per table: the row count and an order-independent hash of all rows. */
    String fingerprint(String service) throws SQLException {
        try (Statement statement = connections.get(service).createStatement();
                ResultSet rows = statement.executeQuery(fingerprintQueries.get(service))) {
            StringBuilder fingerprint = new StringBuilder();
            while (rows.next()) {
                fingerprint.append(rows.getString(1)).append('=').append(rows.getLong(2)).append('/')
                        .append(rows.getLong(3)).append(' ');
            }
            return fingerprint.toString();
        }
    }

    /**
     * Waits until no tracked database changes for a moment (at most 6 s): an accepted write has effects that arrive
     * later (a ban cancels the user's RSVPs in event-service once the event gets there), and those must not land in the
     * window of the next, refused, request.
     */
    void settle() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        String before = all();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            String now = all();
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
    }

    private String all() throws SQLException {
        StringBuilder all = new StringBuilder();
        for (String service : connections.keySet()) {
            all.append(fingerprint(service)).append('|');
        }
        return all.toString();
    }

    /** A request that was refused, sent and answered within this window: no event may carry a time inside it. */
    void rejected(Instant sent, Instant answered) {
        rejectedWindows.add(new Instant[] {sent, answered});
    }

    /** Events published while a rejected request was in flight, read until the topics are quiet. */
    List<ReceivedEvent> eventsDuringRejectedRequests() {
        List<ReceivedEvent> suspicious = new ArrayList<>();
        for (KafkaProbe probe : probes) {
            for (ReceivedEvent event : probe.all(event -> true, Duration.ofSeconds(2))) {
                Instant time = Instant.parse(event.time());
                for (Instant[] window : rejectedWindows) {
                    if (!time.isBefore(window[0]) && !time.isAfter(window[1])) {
                        suspicious.add(event);
                    }
                }
            }
        }
        return suspicious;
    }

    /**
     * The relay deletes outbox rows moments after they commit, so the table itself proves nothing: a trigger copies
     * each committed insert's id into {@code ledger_outbox_insert}, which the fingerprint then covers like any table
     * (a row inserted by a transaction that rolls back leaves nothing there, as it should).
     */
    private static void auditOutbox(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet outbox = statement.executeQuery("select to_regclass('public.outbox_event') is not null")) {
                outbox.next();
                if (!outbox.getBoolean(1)) {
                    return; // a service that publishes nothing
                }
            }
            statement.execute("create table if not exists ledger_outbox_insert (id uuid primary key)");
            statement.execute("create or replace function ledger_outbox_insert() returns trigger language plpgsql as"
                    + " $$ begin insert into ledger_outbox_insert (id) values (new.id); return new; end $$");
            statement.execute("drop trigger if exists ledger_outbox_insert on outbox_event");
            statement.execute("create trigger ledger_outbox_insert after insert on outbox_event for each row"
                    + " execute function ledger_outbox_insert()");
        }
    }

    private static String fingerprintQuery(Connection connection, String service) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public' "
                                + "and table_type = 'BASE TABLE' order by table_name")) {
            while (tables.next()) {
                String table = tables.getString(1);
                // event-service's copies of communities, merchants and profiles, and notification-service's copies
                // of everything but the notifications themselves (which a request marks read), are written by
                // consumers only
                boolean projection = "event-service".equals(service) && Set.of("community", "merchant",
                        "person_profile").contains(table)
                        || "notification-service".equals(service) && !"notification".equals(table);
                if (!NOT_WRITTEN_BY_REQUESTS.contains(table) && !projection) {
                    parts.add("select '" + table + "', count(*), coalesce(sum(hashtext(t::text)::bigint), 0) from "
                            + table + " t");
                }
            }
        }
        return String.join(" union all ", parts);
    }

    @Override
    public void close() throws SQLException {
        probes.forEach(KafkaProbe::close);
        for (Connection connection : connections.values()) {
            connection.close();
        }
    }
}
