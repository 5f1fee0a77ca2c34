package io.circles.platform.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Wakes the outbox relay when a transactional method has committed. It wraps the transaction interceptor of
 * {@link WithTransaction} (a lower priority runs outside), so when the returned {@code Uni} emits, the transaction
 * has committed and its outbox rows are visible to the relay. A nested transactional method wakes it early as well,
 * which costs one pass that finds nothing new; the outer method wakes it again.
 *
 * <p>This replaces a PostgreSQL {@code NOTIFY} per writing transaction: PostgreSQL serialises the commits of every
 * transaction that notified (it holds a cluster-wide lock from pre-commit until the commit is flushed), which cut
 * write throughput by 5× (pgbench, 32 clients, one-row inserts: 7,586 → 1,417 tps). Rows another replica wrote, or
 * that a crash left, are found by the relay's sweep.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RelayAfterCommit {

    private final OutboxRelay relay;

    RelayAfterCommit(OutboxRelay relay) {
        this.relay = relay;
    }

    @AroundInvoke
    Object wake(InvocationContext context) throws Exception {
        Object result = context.proceed();
        if (result instanceof Uni<?> uni) {
            return uni.invoke(relay::wake);
        }
        return result;
    }
}
