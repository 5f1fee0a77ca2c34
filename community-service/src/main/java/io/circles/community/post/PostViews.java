package io.circles.community.post;

import java.time.Instant;
import java.util.List;

import io.circles.community.people.AuthorProfile;
import io.circles.events.Media;

/** Response bodies of the post endpoints. */
public final class PostViews {

    private PostViews() {
    }

    /** A post as clients see it. */
    public record PostView(String id, String communityId, String authorId, AuthorProfile authorProfile, String text,
            List<Media> media,
            int likeCount, int commentCount, String status, Instant createdAt, Instant updatedAt) {
    }

    /** A comment. */
    public record CommentView(String id, String postId, String authorId, AuthorProfile authorProfile, String text,
            Instant createdAt) {
    }

    /** The caller's reaction after a change, with the post's count. */
    public record ReactionView(String postId, String type, boolean active, int reactionCount) {
    }

    /** A report as moderators see it. */
    public record ReportView(String postId, String reporterId, String reason, Instant createdAt) {
    }
}
