package io.circles.community.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.circles.community.membership.Access;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Lists posts (newest first), comments (oldest first) and open reports, with keyset cursors. */
@ApplicationScoped
public class PostReader {

    private final Pool pool;
    private final PostService posts;

    PostReader(Pool pool, PostService posts) {
        this.pool = pool;
        this.posts = posts;
    }

    /** A community's visible posts; private communities show them to members only. */
    @WithSession
    public Uni<Page<PostViews.PostView>> communityPosts(String communityId, String callerId, boolean admin,
            PageRequest page) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireRead();
            Tuple args = Tuple.of(communityId);
            String sql = "select id, community_id, author_id, text, media, like_count, comment_count, status,"
                    + " created_at, updated_at from post where community_id = $1 and status = 'VISIBLE'";
            if (!page.first()) {
                List<String> after = page.after(2);
                args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1));
                sql += " and (created_at, id) < ($2, $3)";
            }
            args.addInteger(page.limit() + 1);
            sql += " order by created_at desc, id desc limit $" + args.size();
            return query(sql, args, page.limit(), row -> new PostViews.PostView(row.getString("id"),
                    row.getString("community_id"), row.getString("author_id"), row.getString("text"),
                    posts.read(row.getString("media")), row.getInteger("like_count"), row.getInteger("comment_count"),
                    row.getString("status"), instant(row, "created_at"), instant(row, "updated_at")),
                    row -> PageRequest.encode(instant(row, "created_at").toString(), row.getString("id")));
        });
    }

    /** A post's comments, oldest first; readable wherever the post is. */
    @WithSession
    public Uni<Page<PostViews.CommentView>> comments(String postId, String callerId, boolean admin,
            PageRequest page) {
        return posts.readable(postId, callerId, admin).flatMap(found -> {
            Tuple args = Tuple.of(postId);
            String sql = "select id, post_id, author_id, text, created_at from post_comment where post_id = $1";
            if (!page.first()) {
                List<String> after = page.after(2);
                args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1));
                sql += " and (created_at, id) > ($2, $3)";
            }
            args.addInteger(page.limit() + 1);
            sql += " order by created_at, id limit $" + args.size();
            return query(sql, args, page.limit(), row -> new PostViews.CommentView(row.getString("id"),
                    row.getString("post_id"), row.getString("author_id"), row.getString("text"),
                    instant(row, "created_at")),
                    row -> PageRequest.encode(instant(row, "created_at").toString(), row.getString("id")));
        });
    }

    /** Reports on posts that are still visible, oldest first, for the owner and moderators. */
    @WithSession
    public Uni<Page<PostViews.ReportView>> reports(String communityId, String callerId, boolean admin,
            PageRequest page) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator();
            Tuple args = Tuple.of(communityId);
            String sql = "select r.post_id, r.reporter_id, r.reason, r.created_at from post_report r"
                    + " join post p on p.id = r.post_id where r.community_id = $1 and p.status = 'VISIBLE'";
            if (!page.first()) {
                List<String> after = page.after(3);
                args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1))
                        .addString(after.get(2));
                sql += " and (r.created_at, r.post_id, r.reporter_id) > ($2, $3, $4)";
            }
            args.addInteger(page.limit() + 1);
            sql += " order by r.created_at, r.post_id, r.reporter_id limit $" + args.size();
            return query(sql, args, page.limit(), row -> new PostViews.ReportView(row.getString("post_id"),
                    row.getString("reporter_id"), row.getString("reason"), instant(row, "created_at")),
                    row -> PageRequest.encode(instant(row, "created_at").toString(), row.getString("post_id"),
                            row.getString("reporter_id")));
        });
    }

    private <T> Uni<Page<T>> query(String sql, Tuple args, int limit, Function<Row, T> map,
            Function<Row, String> cursor) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            List<T> items = list.stream().limit(limit).map(map).toList();
            return new Page<>(items, list.size() > limit ? cursor.apply(list.get(limit - 1)) : null);
        });
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }
}
