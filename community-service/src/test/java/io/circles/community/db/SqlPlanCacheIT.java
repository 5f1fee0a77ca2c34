package io.circles.community.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.circles.test.PlatformTestResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The native selects of {@link Sql} run against PostgreSQL without leaving a query plan behind per execution
 * (Hibernate ORM 7.2 caches a never-matching plan for each run of a plain native select; see
 * {@link io.circles.platform.db.NativeSelect}).
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class SqlPlanCacheIT {

    private static final int RUNS = 30;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    Vertx vertx;

    @Test
    void repeatedNativeSelectsAddNoQueryPlans() throws Exception {
        int before = cachedPlans();
        for (int i = 0; i < RUNS; i++) {
            boolean banned = onVertx(() -> Panache.withSession(() -> Sql.exists(
                    "select 1 from community_ban where community_id = :c and user_id = :u limit 1",
                    "c", "no-such-community", "u", "no-such-user")));
            assertFalse(banned);
            int count = onVertx(() -> Panache.withSession(() -> Sql.integer(
                    "select count(*) from community where id = :id", "id", "no-such-community")));
            assertEquals(0, count);
        }
        // the first run of each may cache what its statement needs; repeats must not add one per run
        int added = cachedPlans() - before;
        assertTrue(added <= 2, "query plans added by " + 2 * RUNS + " native selects: " + added);
    }

    @Test
    void plainNativeSelectsDoFillTheCache() throws Exception {
        // the defect NativeSelect works around; when this fails, Hibernate fixed it and the guard can go
        int before = cachedPlans();
        for (int i = 0; i < RUNS; i++) {
            onVertx(() -> Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                    .createNativeQuery("select 1 from community where id = :id").setParameter("id", "none")
                    .getResultList())));
        }
        assertTrue(cachedPlans() - before >= RUNS, "plain native selects no longer add a plan per run");
    }

    private int cachedPlans() throws ReflectiveOperationException {
        Object factory = ClientProxy.unwrap(sessions);
        Class<?> type = factory.getClass();
        Field delegate = null;
        while (delegate == null && type != null) {
            try {
                delegate = type.getDeclaredField("delegate");
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            }
        }
        if (delegate == null) {
            throw new NoSuchFieldException("delegate of " + factory.getClass());
        }
        delegate.setAccessible(true);
        SessionFactoryImplementor orm = (SessionFactoryImplementor) delegate.get(factory);
        return orm.getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    /** Hibernate Reactive runs on a safe duplicated Vert.x context, as a request would. */
    private <T> T onVertx(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            work.get().subscribe().with(result::complete, result::completeExceptionally);
        });
        return result.get();
    }
}
