package io.circles.community.post;

import java.util.List;

import io.circles.platform.media.MediaItem;
import io.circles.platform.media.MediaRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the post endpoints. */
public final class PostRequests {

    private PostRequests() {
    }

    /** {@code POST /api/communities/{id}/posts}; content rules in {@link MediaRules}. */
    public record CreatePost(@Size(max = MediaRules.MAX_TEXT) String text,
            @Size(max = MediaRules.MAX_IMAGES) List<@Valid MediaItem> media) {
    }

    /** {@code PATCH /api/posts/{id}}: a field present replaces the old value. */
    public record UpdatePost(@Size(max = MediaRules.MAX_TEXT) String text,
            @Size(max = MediaRules.MAX_IMAGES) List<@Valid MediaItem> media) {
    }

    /** {@code POST /api/posts/{id}/comments}. */
    public record CreateComment(@NotBlank @Size(max = 2000) String text) {
    }

    /** {@code PUT /api/posts/{id}/reactions/me}. */
    public record React(@NotNull ReactionType type) {
    }

    /** {@code POST /api/posts/{id}/reports}. */
    public record Report(@NotBlank @Size(max = 500) String reason) {
    }

    /** The reactions a post takes; LIKE for now. */
    public enum ReactionType {
        LIKE
    }
}
