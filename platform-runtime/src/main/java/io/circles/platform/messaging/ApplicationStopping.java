package io.circles.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Tells {@link TransientFailures} that the application is stopping, before anything else hears of it (the Kafka
 * connector and the Redis and SQL clients close afterwards), so that work failing as they close is left for
 * redelivery, not dead-lettered.
 */
@Singleton
class ApplicationStopping {

    void started(@Observes StartupEvent event) {
        TransientFailures.stopping(false);
    }

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        TransientFailures.stopping(true);
    }
}
