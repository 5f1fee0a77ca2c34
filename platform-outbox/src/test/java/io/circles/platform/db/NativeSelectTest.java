package io.circles.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeSelectTest {

    private static final String GUARD = "uncached_plan as (select 1 where 1 in (:uncachedPlan))";

    @Test
    void aSelectGetsTheGuardInAWithClauseOfItsOwn() {
        assertEquals("with " + GUARD + " select id from activity where id = :id order by starts_at",
                NativeSelect.guarded("  select id from activity where id = :id order by starts_at\n"));
    }

    @Test
    void aStatementWithAWithClauseGetsTheGuardAsItsFirstQuery() {
        assertEquals("with " + GUARD + ", recent as (select 1) select * from recent",
                NativeSelect.guarded("WITH recent as (select 1) select * from recent"));
        assertEquals("with recursive " + GUARD + ", t(n) as (select 1 union all select n + 1 from t) select n from t",
                NativeSelect.guarded("with recursive t(n) as (select 1 union all select n + 1 from t) select n from t"));
    }

    @Test
    void aTableNamedLikeTheKeywordIsNotMistakenForIt() {
        assertEquals("with " + GUARD + " select * from without_rows",
                NativeSelect.guarded("select * from without_rows"));
    }
}
