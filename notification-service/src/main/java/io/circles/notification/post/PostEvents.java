package io.circles.notification.post;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.notification.inbox.Draft;
import io.circles.notification.inbox.NotificationType;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * community.posts.v1: who wrote each post, so comments (POST_COMMENTED) and likes (POST_LIKED, grouped per post) reach
 * its author. Posts and their reactions share a topic and a key (the community), so a post is known before its first
 * comment or like arrives.
 */
@ApplicationScoped
public class PostEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(PostPublished.TYPE, CommentAdded.TYPE, PostReacted.TYPE);

    private static final String PUT_POST = """
            insert into post (id, community_id, author_id) values ($1, $2, $3) on conflict (id) do nothing""";
    private static final String AUTHOR = "select author_id from post where id = $1";

    private final ObjectMapper json;

    PostEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        return switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished published = event.dataAs(PostPublished.class, json);
                Payloads.require(event, published.postId(), published.communityId(), published.authorId());
                yield sql.preparedQuery(PUT_POST).execute(Tuple.of(published.postId(), published.communityId(),
                        published.authorId())).map(done -> List.<Draft>of());
            }
            case CommentAdded.TYPE -> {
                CommentAdded comment = event.dataAs(CommentAdded.class, json);
                Payloads.require(event, comment.postId(), comment.authorId());
                yield author(sql, comment.postId()).map(author -> author == null ? List.<Draft>of()
                        : List.of(new Draft(NotificationType.POST_COMMENTED, List.of(author), comment.authorId(),
                                Draft.post(comment.postId()), comment.communityId(), null, null, comment.text(),
                                comment.createdAt())));
            }
            case PostReacted.TYPE -> {
                PostReacted reacted = event.dataAs(PostReacted.class, json);
                Payloads.require(event, reacted.postId(), reacted.userId());
                if (!reacted.active()) {
                    // Taking a like back says nothing to the author.
                    yield Uni.createFrom().item(List.<Draft>of());
                }
                yield author(sql, reacted.postId()).map(author -> author == null ? List.<Draft>of()
                        : List.of(new Draft(NotificationType.POST_LIKED, List.of(author), reacted.userId(),
                                Draft.post(reacted.postId()), reacted.communityId(), null, null, null,
                                reacted.reactedAt())));
            }
            default -> Uni.createFrom().item(List.<Draft>of());
        };
    }

    private static Uni<String> author(SqlConnection sql, String postId) {
        return sql.preparedQuery(AUTHOR).execute(Tuple.of(postId)).map(PostEvents::first);
    }

    private static String first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}
