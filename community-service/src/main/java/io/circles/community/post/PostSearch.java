package io.circles.community.post;

import java.util.ArrayList;
import java.util.List;

import io.circles.community.people.AuthorProfile;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs {@link PostQuery}s: post search and topic lists; read-only, straight on the reactive pool. */
@ApplicationScoped
public class PostSearch {

    private final Pool pool;
    private final PostService posts;

    PostSearch(Pool pool, PostService posts) {
        this.pool = pool;
        this.posts = posts;
    }

    public Uni<Page<PostViews.PostView>> find(PostQuery query, int limit) {
        return pool.preparedQuery(query.sql()).execute(Tuple.from(query.args())).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            List<PostViews.PostView> items = list.stream().limit(limit).map(this::view).toList();
            String next = null;
            if (list.size() > limit) {
                PostViews.PostView last = items.get(limit - 1);
                next = PageRequest.encode(last.createdAt().toString(), last.id());
            }
            return new Page<>(items, next);
        });
    }

    private PostViews.PostView view(Row row) {
        return new PostViews.PostView(row.getString("id"), row.getString("community_id"), row.getString("author_id"),
                AuthorProfile.of(row.getString("author_id"), row.getString("display_name"), row.getString("avatar_url")),
                row.getString("text"), posts.read(row.getString("media")), row.getInteger("like_count"),
                row.getInteger("comment_count"), row.getString("status"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
