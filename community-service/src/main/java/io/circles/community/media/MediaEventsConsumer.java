package io.circles.community.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.community.db.Sql;
import io.circles.events.media.MediaDeleted;
import io.circles.events.media.MediaReady;
import io.circles.platform.consistency.AppliedOffsets;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.circles.platform.messaging.UnprocessableEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link MediaUpload} from media.events.v1. Both writes are idempotent (insert-if-absent, set-once), so a
 * redelivered event changes nothing; other types are skipped. Each record's offset is marked applied
 * ({@link AppliedOffsets}), which is also what lets a test hold the consumer back.
 */
@ApplicationScoped
public class MediaEventsConsumer {

    static final String CHANNEL = "media";

    private final ObjectMapper json;
    private final AppliedOffsets offsets;

    MediaEventsConsumer(ObjectMapper json, AppliedOffsets offsets) {
        this.json = json;
        this.offsets = offsets;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return offsets.tracked(CHANNEL, record, () -> TransientFailures.retried(
                () -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record)));
    }

    Uni<Void> apply(IncomingEvent event) {
        if (MediaReady.TYPE.equals(event.type())) {
            MediaReady ready = event.dataAs(MediaReady.class, json);
            if (ready.mediaId() == null || ready.ownerId() == null || ready.url() == null || ready.type() == null) {
                throw new UnprocessableEventException("event " + event.id() + " lacks mediaId, ownerId, type or url");
            }
            return Panache.withTransaction(() -> Sql.update("""
                    insert into media_upload (media_id, owner_id, type, url, thumbnail_url, width, height,
                                              duration_sec, ready_at)
                    values (:id, :owner, :type, :url, :thumb, :width, :height, :duration, :at)
                    on conflict (media_id) do nothing""",
                    "id", ready.mediaId(), "owner", ready.ownerId(), "type", ready.type(), "url", ready.url(),
                    "thumb", ready.thumbnailUrl(), "width", ready.width(), "height", ready.height(),
                    "duration", ready.durationSec(), "at", ready.readyAt())).replaceWithVoid();
        }
        if (MediaDeleted.TYPE.equals(event.type())) {
            MediaDeleted deleted = event.dataAs(MediaDeleted.class, json);
            return Panache.withTransaction(() -> Sql.update(
                    "update media_upload set deleted_at = :at where media_id = :id and deleted_at is null",
                    "id", deleted.mediaId(), "at", deleted.deletedAt())).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
