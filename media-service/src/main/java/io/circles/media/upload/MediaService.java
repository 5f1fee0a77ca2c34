package io.circles.media.upload;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.circles.events.media.MediaReady;
import io.circles.media.MediaConfig;
import io.circles.media.inspect.Inspection;
import io.circles.media.inspect.MediaInspector;
import io.circles.media.inspect.Refused;
import io.circles.media.storage.ObjectStorage;
import io.circles.media.storage.ServedFiles;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.media.MediaRules;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Uploads from the signed URL to READY. The slow parts (signing, reading the object back, decoding and re-encoding)
 * run on worker threads between short transactions, so no transaction stays open while megabytes move.
 */
@ApplicationScoped
public class MediaService {

    private final ObjectStorage storage;
    private final MediaInspector inspector;
    private final ServedFiles served;
    private final MediaConfig config;
    private final Outbox outbox;
    private final Vertx vertx;

    MediaService(ObjectStorage storage, MediaInspector inspector, ServedFiles served, MediaConfig config,
            Outbox outbox, Vertx vertx) {
        this.storage = storage;
        this.inspector = inspector;
        this.served = served;
        this.config = config;
        this.outbox = outbox;
        this.vertx = vertx;
    }

    /** Records a PENDING upload within the caller's daily quota and signs a PUT URL for exactly what was declared. */
    public Uni<UploadTicket> create(String ownerId, CreateUploadRequest request) {
        List<Problem.FieldError> errors = UploadRules.violations(request.type(), request.contentType(),
                request.sizeBytes());
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.get(0).field() + ": "
                    + errors.get(0).message(), errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MediaRecord media = new MediaRecord();
        media.id = UUID.randomUUID().toString();
        media.ownerId = ownerId;
        media.type = request.type();
        media.status = MediaRecord.PENDING;
        media.declaredType = request.contentType();
        media.declaredSize = request.sizeBytes();
        media.uploadKey = "u/" + media.id;
        media.createdAt = now;
        Instant expiresAt = now.plus(config.uploadUrlTtl());
        return Panache.withTransaction(() -> withinQuota(ownerId, now).chain(() -> media.persist()))
                .chain(() -> blocking(() -> storage.presignPut(media.uploadKey, media.declaredType,
                        media.declaredSize, config.uploadUrlTtl())))
                .map(signed -> new UploadTicket(media.id, signed.url(), "PUT", signed.headers(), expiresAt));
    }

    /**
     * Checks what arrived and makes it READY: the type from the bytes, the size, the dimensions or duration; images are
     * re-encoded without metadata and get a thumbnail. Bytes that are not what was declared are deleted: 422.
     */
    public Uni<MediaView> complete(String callerId, String id) {
        return Panache.withSession(() -> MediaRecord.<MediaRecord>findById(id))
                .chain(media -> {
                    MediaRecord owned = owned(media, callerId, id);
                    if (MediaRecord.READY.equals(owned.status)) {
                        return Uni.createFrom().item(view(owned));
                    }
                    if (!MediaRecord.PENDING.equals(owned.status)) {
                        throw ProblemException.conflict("media " + id + " was deleted");
                    }
                    return blocking(() -> inspectAndStore(owned)).chain(result -> finish(owned.id, result));
                });
    }

    /** The upload as its owner sees it; anyone else gets 404, as for an id that does not exist. */
    public Uni<MediaView> view(String callerId, boolean admin, String id) {
        return Panache.withSession(() -> MediaRecord.<MediaRecord>findById(id))
                .map(media -> {
                    if (media == null || MediaRecord.DELETED.equals(media.status)
                            || !(admin || media.ownerId.equals(callerId))) {
                        throw ProblemException.notFound("no media " + id);
                    }
                    return view(media);
                });
    }

    /** Outcome of the blocking part: stored objects and what was learnt, or why the upload was refused. */
    private record Checked(Inspection inspection, String refusal) {
    }

    private Checked inspectAndStore(MediaRecord media) {
        try {
            return new Checked(inspector.inspectAndStore(media.uploadKey, media.type, media.declaredType,
                    media.declaredSize), null);
        } catch (Refused refused) {
            // The refused bytes go, but the key stays taken so the URL cannot write there again; when nothing was
            // uploaded yet, the URL is still unused and stays usable.
            if (storage.size(media.uploadKey).isPresent()) {
                storage.tombstone(media.uploadKey);
            }
            return new Checked(null, refused.getMessage());
        }
    }

    private Uni<MediaView> finish(String id, Checked checked) {
        if (checked.refusal() != null) {
            return Uni.createFrom().failure(new ProblemException(422, "Unprocessable Content",
                    checked.refusal() + "; the upload was deleted", null));
        }
        Inspection found = checked.inspection();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> MediaRecord.<MediaRecord>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(media -> {
                    if (!MediaRecord.PENDING.equals(media.status)) {
                        // A concurrent complete won: its objects stand, ours go.
                        return Uni.createFrom().item(media);
                    }
                    media.status = MediaRecord.READY;
                    media.objectKey = found.objectKey();
                    media.thumbnailKey = found.thumbnailKey();
                    media.contentType = found.contentType();
                    media.sizeBytes = found.sizeBytes();
                    media.width = found.width();
                    media.height = found.height();
                    media.durationSec = found.durationSec();
                    media.readyAt = now;
                    return outbox.append(new MediaReady(media.id, media.ownerId, media.type, media.contentType,
                            served.url(media.objectKey), served.url(media.thumbnailKey), media.width, media.height,
                            media.durationSec, now)).replaceWith(media);
                }))
                .chain(media -> {
                    if (found.objectKey().equals(media.objectKey)) {
                        return Uni.createFrom().item(view(media));
                    }
                    return blocking(() -> {
                        storage.delete(List.of(found.objectKey(), found.thumbnailKey()));
                        return view(media);
                    });
                });
    }

    /** At most dailyQuota uploads per owner in any 24 hours; the owner's lock makes concurrent requests count in turn. */
    private Uni<Void> withinQuota(String ownerId, Instant now) {
        return Panache.getSession().chain(session -> NativeSelect.of(session,
                        "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) as locked", Long.class)
                .setParameter("key", "media-quota:" + ownerId)
                .getSingleResult()
                .chain(() -> NativeSelect.of(session,
                        "select count(*) from media where owner_id = :owner and created_at > :since", Long.class)
                        .setParameter("owner", ownerId)
                        .setParameter("since", now.minus(Duration.ofDays(1)))
                        .getSingleResult()))
                .invoke(count -> {
                    if (count >= config.dailyQuota()) {
                        throw new ProblemException(429, "Too Many Requests", "at most " + config.dailyQuota()
                                + " uploads a day; try again later", null);
                    }
                })
                .replaceWithVoid();
    }

    private static MediaRecord owned(MediaRecord media, String callerId, String id) {
        if (media == null || !media.ownerId.equals(callerId)) {
            throw ProblemException.notFound("no media " + id);
        }
        return media;
    }

    MediaView view(MediaRecord media) {
        return new MediaView(media.id, media.status, media.type,
                media.contentType != null ? media.contentType : media.declaredType,
                served.url(media.objectKey), served.url(media.thumbnailKey), media.width, media.height,
                MediaRules.VIDEO.equals(media.type) ? media.durationSec : null);
    }

    private <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
