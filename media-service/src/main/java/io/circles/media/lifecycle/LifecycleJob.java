package io.circles.media.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.circles.events.media.MediaDeleted;
import io.circles.media.MediaConfig;
import io.circles.media.storage.ObjectStorage;
import io.circles.media.upload.MediaRecord;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Removes what nobody will use: uploads never completed, READY media no post ever carried, and media whose last post
 * was removed a grace period ago. Each run takes a transaction-scoped advisory lock, so with several replicas one
 * sweeps at a time; object deletes are idempotent, so a run cut short is simply done again by the next.
 */
@ApplicationScoped
public class LifecycleJob {

    private static final Logger LOG = Logger.getLogger(LifecycleJob.class);
    /** Any constant shared by the replicas; "media-lifecycle" as a number. */
    private static final long LOCK = 0x6d656469616c6966L;

    private final MediaConfig config;
    private final ObjectStorage storage;
    private final Outbox outbox;
    private final Vertx vertx;

    LifecycleJob(MediaConfig config, ObjectStorage storage, Outbox outbox, Vertx vertx) {
        this.config = config;
        this.storage = storage;
        this.outbox = outbox;
        this.vertx = vertx;
    }

    @Scheduled(every = "${media.lifecycle.interval}", delayed = "${media.lifecycle.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("lifecycle: deleted %d media", deleted);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("lifecycle run failed, the next one retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One batch; the number of media deleted (0 when another replica holds the lock). */
    public Uni<Integer> sweep() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MediaConfig.Lifecycle rules = config.lifecycle();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> NativeSelect.of(session,
                        "select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                .setParameter("lock", LOCK)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(List.<MediaRecord>of())
                        : NativeSelect.of(session, """
                                select * from media
                                where (status = 'PENDING' and created_at < :pendingBefore)
                                   or (status = 'READY' and attached_at is null and detached_at is null
                                       and ready_at < :unattachedBefore)
                                   or (status = 'READY' and attached_at is null and detached_at < :graceBefore)
                                order by created_at
                                limit :batch
                                for update skip locked""", MediaRecord.class)
                        .setParameter("pendingBefore", now.minus(rules.pendingTtl()))
                        .setParameter("unattachedBefore", now.minus(rules.unattachedTtl()))
                        .setParameter("graceBefore", now.minus(rules.removedGrace()))
                        .setParameter("batch", rules.batchSize())
                        .getResultList())
                .chain(expired -> expired.isEmpty() ? Uni.createFrom().item(0)
                        : deleteObjects(expired).chain(() -> markDeleted(expired, now)))));
    }

    private Uni<Void> deleteObjects(List<MediaRecord> expired) {
        List<String> keys = new ArrayList<>();
        for (MediaRecord media : expired) {
            keys.add(media.uploadKey);
            keys.add(media.objectKey);
            keys.add(media.thumbnailKey);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            storage.delete(keys);
            return null;
        }), false).replaceWithVoid();
    }

    private Uni<Integer> markDeleted(List<MediaRecord> expired, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MediaRecord media : expired) {
            boolean wasReady = MediaRecord.READY.equals(media.status);
            media.status = MediaRecord.DELETED;
            media.deletedAt = now;
            if (wasReady) {
                // Only READY media was ever announced; an unfinished upload is unknown outside this service.
                chain = chain.chain(() -> outbox.append(new MediaDeleted(media.id, media.ownerId, now))
                        .replaceWithVoid());
            }
        }
        return chain.replaceWith(expired.size());
    }
}
