package io.circles.community.db;

import java.util.List;

import io.circles.platform.db.NativeSelect;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native statements in the current Hibernate Reactive session, for the writes that must be atomic in SQL
 * (counters, insert-if-absent, conditional state changes) rather than read-modify-write in Java.
 */
public final class Sql {

    private Sql() {
    }

    /** Runs an insert/update/delete with named parameters given as name, value pairs; the affected row count. */
    public static Uni<Integer> update(String sql, Object... namedParams) {
        return Panache.getSession()
                .flatMap(session -> bind(session.createNativeQuery(sql), namedParams).executeUpdate());
    }

    /** Whether a select returns at least one row (put a {@code limit 1} in it). */
    public static Uni<Boolean> exists(String sql, Object... namedParams) {
        return Panache.getSession().flatMap(session -> bind(NativeSelect.of(session, sql), namedParams)
                .getResultList().map(rows -> !rows.isEmpty()));
    }

    /** The single integer a select returns. */
    public static Uni<Integer> integer(String sql, Object... namedParams) {
        return Panache.getSession().flatMap(session -> bind(NativeSelect.of(session, sql), namedParams)
                .getResultList().map(Sql::firstInt));
    }

    private static int firstInt(List<?> rows) {
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, Object... namedParams) {
        for (int i = 0; i < namedParams.length; i += 2) {
            query.setParameter((String) namedParams[i], namedParams[i + 1]);
        }
        return query;
    }
}
