package io.circles.notification.live;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.circles.notification.inbox.Inbox;
import io.circles.notification.inbox.UnreadCount;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes each user's new notifications and unread count to every stream they hold open, whichever replica holds it.
 * Every write of a notification and every change of a user's unread count runs NOTIFY on {@link #CHANNEL} with
 * "recipient id" (id empty for a count change) in its own transaction, so PostgreSQL, the one store all replicas share,
 * delivers it on commit (never for a rolled-back write) to each replica's single LISTEN connection. A replica that holds
 * streams of that user reads the notification and the count and passes them on; the others drop the message.
 */
@ApplicationScoped
public class LiveNotifications {

    public static final String CHANNEL = "notifications";

    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);
    /** How long to wait before listening again after the connection dropped (PostgreSQL restarting, failing over). */
    private static final long RECONNECT_MS = 1_000;

    private final Vertx vertx;
    private final Inbox inbox;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Map<String, Set<MultiEmitter<? super LiveMessage>>> streams = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    LiveNotifications(Vertx vertx, Inbox inbox,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.inbox = inbox;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The user's live notifications: the unread count first, then each change as it commits. */
    public Multi<LiveMessage> of(String userId) {
        return Multi.createFrom().emitter(emitter -> {
            streams.computeIfAbsent(userId, key -> ConcurrentHashMap.newKeySet()).add(emitter);
            emitter.onTermination(() -> streams.computeIfPresent(userId, (key, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            }));
            // Registered before the count is read: a notification committed meanwhile is announced, not lost.
            inbox.unreadCount(userId).subscribe().with(count -> emitter.emit(count(count)),
                    failure -> emitter.fail(failure));
        });
    }

    /** How many streams this replica holds open for {@code userId}. */
    public int streams(String userId) {
        Set<MultiEmitter<? super LiveMessage>> set = streams.get(userId);
        return set == null ? 0 : set.size();
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:")
                ? url.substring("vertx-reactive:".length()) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_MS);
        subscriber.channel(CHANNEL).handler(this::dispatch);
        subscriber.closeHandler(v -> LOG.warn("live notifications: LISTEN connection closed"));
        subscriber.connect().onFailure(failure -> LOG.errorf(failure, "live notifications: cannot LISTEN"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void dispatch(String payload) {
        int space = payload.indexOf(' ');
        String recipient = space < 0 ? payload : payload.substring(0, space);
        String id = space < 0 ? "" : payload.substring(space + 1);
        Set<MultiEmitter<? super LiveMessage>> held = streams.get(recipient);
        if (held == null || held.isEmpty()) {
            return;
        }
        Uni<LiveMessage> notification = id.isEmpty() ? Uni.createFrom().nullItem()
                : inbox.one(recipient, UUID.fromString(id)).map(view -> view == null ? null
                        : new LiveMessage(LiveMessage.NOTIFICATION, view));
        notification.flatMap(item -> inbox.unreadCount(recipient).map(count -> {
            for (MultiEmitter<? super LiveMessage> emitter : held) {
                if (item != null) {
                    emitter.emit(item);
                }
                emitter.emit(count(count));
            }
            return count;
        })).subscribe().with(count -> { }, failure -> LOG.debugf(failure, "live notification for %s not sent",
                recipient));
    }

    private static LiveMessage count(long count) {
        return new LiveMessage(LiveMessage.UNREAD_COUNT, new UnreadCount(count));
    }
}
