package io.circles.community.post;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the post endpoints. */
public final class PostRequests {

    private PostRequests() {
    }

    /** {@code POST /api/communities/{id}/posts}; content rules in {@link PostContentRule}. */
    public record CreatePost(@Size(max = PostContentRule.MAX_TEXT) String text,
            @Size(max = PostContentRule.MAX_IMAGES) List<@Valid MediaItem> media) {
    }

    /** {@code PATCH /api/posts/{id}}: a field present replaces the old value. */
    public record UpdatePost(@Size(max = PostContentRule.MAX_TEXT) String text,
            @Size(max = PostContentRule.MAX_IMAGES) List<@Valid MediaItem> media) {
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
