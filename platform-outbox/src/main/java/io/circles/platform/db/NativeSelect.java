package io.circles.platform.db;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL selects that stay out of Hibernate's query plan cache.
 *
 * <p>Hibernate ORM 7.2 stores a new plan for every execution of a native select, under a key that never matches
 * again and always has the SQL's hash: the cache (2,048 entries by default) fills with copies of the busiest select,
 * and every later lookup of it walks them all. In community-service's join benchmark that walk was 15% of the
 * service's CPU. Hibernate skips the cache for a query with a multi-valued parameter, so every select made here
 * carries one, in a common table expression the query never reads: rows, their order, locking clauses and entity
 * mappings are those of the statement as written. Use it for every native select; native inserts, updates and
 * deletes are cached correctly and need nothing.
 */
public final class NativeSelect {

    static final String PARAMETER = "uncachedPlan";
    private static final String GUARD = "uncached_plan as (select 1 where 1 in (:" + PARAMETER + "))";
    private static final List<Integer> ONE = List.of(1);

    private NativeSelect() {
    }

    /** A native select whose rows are of {@code type} (an entity, a basic type or {@code Object[]}). */
    public static <R> Mutiny.SelectionQuery<R> of(Mutiny.Session session, String sql, Class<R> type) {
        Mutiny.SelectionQuery<R> query = session.createNativeQuery(guarded(sql), type);
        query.setParameter(PARAMETER, ONE);
        return query;
    }

    /** A native select whose rows are untyped (a single column's values, or {@code Object[]}). */
    public static <R> Mutiny.Query<R> of(Mutiny.Session session, String sql) {
        Mutiny.Query<R> query = session.createNativeQuery(guarded(sql));
        query.setParameter(PARAMETER, ONE);
        return query;
    }

    /** The statement with the guard in front, merged into its own {@code WITH} clause if it has one. */
    static String guarded(String sql) {
        String statement = sql.strip();
        if (statement.regionMatches(true, 0, "with ", 0, 5) && !statement.regionMatches(true, 0, "with recursive", 0,
                14)) {
            return "with " + GUARD + ", " + statement.substring(5);
        }
        if (statement.regionMatches(true, 0, "with recursive ", 0, 15)) {
            return "with recursive " + GUARD + ", " + statement.substring(15);
        }
        return "with " + GUARD + " " + statement;
    }
}
