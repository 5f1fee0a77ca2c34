package io.circles.community.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.circles.platform.media.MediaItem;
import io.circles.platform.media.MediaRules;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves {@code {mediaId}} items of a post to the URL form, from the {@link MediaUpload} projection: only READY
 * uploads of the caller that were not deleted. An upload completed a moment ago may not have reached the projection
 * yet (read your own writes): a missing id is looked up again for a few seconds before it is refused.
 */
@ApplicationScoped
public class UploadedMedia {

    /** Longer than the outbox relay takes after a commit (milliseconds), short enough for a request to wait. */
    static final Duration PROJECTION_LAG = Duration.ofSeconds(5);

    /** The items with every upload replaced by its URL form; 400 naming each id that is not the caller's READY media. */
    public Uni<List<MediaItem>> resolve(String callerId, List<MediaItem> items) {
        if (items == null || items.stream().noneMatch(i -> i != null && i.isUpload())) {
            return Uni.createFrom().item(items);
        }
        Set<String> ids = new TreeSet<>();
        for (MediaItem item : items) {
            if (item != null && item.isUpload()) {
                ids.add(item.mediaId());
                if (item.coverMediaId() != null) {
                    ids.add(item.coverMediaId());
                }
            }
        }
        return projected(ids).map(found -> replace(callerId, items, found));
    }

    /**
     * The URL a profile shows for {@code avatarMediaId}: the caller's READY, undeleted image (its thumbnail when it
     * has one); 400 on {@code avatarMediaId} for anything else, someone else's upload reading like an unknown one.
     */
    public Uni<String> avatar(String callerId, String mediaId) {
        return projected(Set.of(mediaId)).map(found -> {
            MediaUpload media = found.get(mediaId);
            if (media == null || !media.ownerId.equals(callerId) || !MediaRules.IMAGE.equals(media.type)) {
                throw ProblemException.badRequest("avatarMediaId", "is not a READY image upload of yours");
            }
            return media.thumbnailUrl != null ? media.thumbnailUrl : media.url;
        });
    }

    /** The uploads of these ids, waiting up to {@link #PROJECTION_LAG} for ids the projection has not seen yet. */
    private static Uni<Map<String, MediaUpload>> projected(Set<String> ids) {
        return lookUp(ids)
                .onItem().transformToUni(found -> found.keySet().containsAll(ids)
                        ? Uni.createFrom().item(found)
                        : Uni.createFrom().failure(new NotYetProjected()))
                .onFailure(NotYetProjected.class).retry().withBackOff(Duration.ofMillis(100), Duration.ofMillis(500))
                .expireIn(PROJECTION_LAG.toMillis())
                // Out of retries (Mutiny wraps the last NotYetProjected): what is there now is the answer.
                .onFailure().recoverWithUni(() -> lookUp(ids));
    }

    private static Uni<Map<String, MediaUpload>> lookUp(Set<String> ids) {
        return Panache.withSession(() -> MediaUpload.<MediaUpload>list("mediaId in ?1 and deletedAt is null",
                        List.copyOf(ids)))
                .map(rows -> rows.stream().collect(Collectors.toMap(m -> m.mediaId, Function.identity())));
    }

    private static List<MediaItem> replace(String callerId, List<MediaItem> items, Map<String, MediaUpload> found) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<MediaItem> resolved = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            if (item == null || !item.isUpload()) {
                resolved.add(item);
                continue;
            }
            String at = "media[" + i + "]";
            MediaUpload media = owned(found.get(item.mediaId()), callerId, at + ".mediaId", errors);
            if (media == null) {
                continue;
            }
            if (MediaRules.VIDEO.equals(media.type)) {
                MediaUpload cover = item.coverMediaId() == null ? null
                        : owned(found.get(item.coverMediaId()), callerId, at + ".coverMediaId", errors);
                if (item.coverMediaId() == null) {
                    errors.add(new Problem.FieldError(at + ".coverMediaId", "a video needs its cover image upload"));
                } else if (cover != null && !MediaRules.IMAGE.equals(cover.type)) {
                    errors.add(new Problem.FieldError(at + ".coverMediaId", "must be an image"));
                }
                resolved.add(new MediaItem(MediaRules.VIDEO, media.url, null, null, media.durationSec,
                        cover == null ? null : cover.url));
            } else {
                resolved.add(new MediaItem(MediaRules.IMAGE, media.url, media.width, media.height, null, null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.get(0).field() + ": " + errors.get(0).message(),
                    errors);
        }
        return resolved;
    }

    /** Someone else's upload reads exactly like one that does not exist: no hint that the id is real. */
    private static MediaUpload owned(MediaUpload media, String callerId, String field, List<Problem.FieldError> errors) {
        if (media == null || !media.ownerId.equals(callerId)) {
            errors.add(new Problem.FieldError(field, "is not a READY upload of yours"));
            return null;
        }
        return media;
    }

    /** Some ids are not in the projection yet. */
    private static final class NotYetProjected extends RuntimeException {

        NotYetProjected() {
            super(null, null, false, false);
        }
    }
}
