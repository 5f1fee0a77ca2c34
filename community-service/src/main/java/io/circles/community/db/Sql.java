package io.circles.community.db;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native statements in the current Hibernate Reactive session, for the writes that must be atomic in SQL
 * (counters, insert-if-absent, conditional state changes) rather than read-modify-write in Java.
 */
public final class Sql {

    private static final String UNCACHED_PARAMETER = "uncachedPlan";
    private static final String UNCACHED_PREFIX = "select * from (";
    private static final String UNCACHED_SUFFIX = ") as q where 1 in (:" + UNCACHED_PARAMETER + ")";
    private static final List<Integer> UNCACHED_VALUES = List.of(1);

    private Sql() {
    }

    /** Runs an insert/update/delete with named parameters given as name, value pairs; the affected row count. */
    public static Uni<Integer> update(String sql, Object... namedParams) {
        return Panache.getSession()
                .flatMap(session -> bind(session.createNativeQuery(sql), namedParams).executeUpdate());
    }

    /** Whether a select returns at least one row (put a {@code limit 1} in it). */
    public static Uni<Boolean> exists(String sql, Object... namedParams) {
        return Panache.getSession().flatMap(session -> uncached(session, sql, namedParams)
                .getResultList().map(rows -> !rows.isEmpty()));
    }

    /** The single integer a select returns. */
    public static Uni<Integer> integer(String sql, Object... namedParams) {
        return Panache.getSession().flatMap(session -> uncached(session, sql, namedParams)
                .getResultList().map(Sql::firstInt));
    }

    /**
     * A native select that Hibernate does not put in its query plan cache. Hibernate ORM 7.2 stores a new plan for
     * every execution of a native select under a key that never matches again, all with the same hash: the cache
     * fills with copies of the query (2,048 by default) and every later lookup walks them all (15% of this
     * service's CPU during a join run; see docs/benchmarks.md). It skips the cache for a query with a multi-valued
     * parameter, so the select is wrapped in one. Only for selects whose row order does not matter.
     */
    private static Mutiny.Query<Object> uncached(Mutiny.Session session, String sql, Object... namedParams) {
        Mutiny.Query<Object> query = session.createNativeQuery(UNCACHED_PREFIX + sql + UNCACHED_SUFFIX);
        query.setParameter(UNCACHED_PARAMETER, UNCACHED_VALUES);
        return bind(query, namedParams);
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
