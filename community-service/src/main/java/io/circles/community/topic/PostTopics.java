package io.circles.community.topic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.circles.community.db.Sql;
import io.smallrye.mutiny.Uni;

/** Stores a post's topics inside the transaction that writes its text, so a post and its topics never disagree. */
public final class PostTopics {

    private PostTopics() {
    }

    /** Replaces the topics of an edited post with those of its new text. */
    public static Uni<Void> replace(String postId, String text, Instant postedAt) {
        return Sql.update("delete from post_topic where post_id = :p", "p", postId)
                .flatMap(ignored -> add(postId, text, postedAt));
    }

    /** Records the topics of a new post. */
    public static Uni<Void> add(String postId, String text, Instant postedAt) {
        List<String> tags = Hashtags.of(text);
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into post_topic (tag, post_id, created_at) values ");
        List<Object> params = new ArrayList<>(List.of("p", postId, "at", postedAt));
        for (int i = 0; i < tags.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :p, :at)");
            params.add("t" + i);
            params.add(tags.get(i));
        }
        return Sql.update(sql.toString(), params.toArray()).replaceWithVoid();
    }
}
