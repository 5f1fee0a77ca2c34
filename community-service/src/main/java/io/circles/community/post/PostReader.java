package io.circles.community.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.circles.community.membership.Access;
import io.circles.community.people.AuthorProfile;
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

    /** Hides what people the caller ({@code $2}) blocks wrote; {@code p} is the post or comment. */
    private static final String NOT_BLOCKED = "not exists (select 1 from person_block b"
            + " where b.blocker_id = $2 and b.blocked_id = p.author_id)";

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
            Tuple args = Tuple.of(communityId, callerId);
            String sql = "select p.id, p.community_id, p.author_id, p.text, p.media, p.like_count, p.comment_count,"
                    + " p.status, p.created_at, p.updated_at, pr.display_name, pr.avatar_url from post p"
                    + " left join profile pr on pr.user_id = p.author_id"
                    + " where p.community_id = $1 and p.status = 'VISIBLE' and " + NOT_BLOCKED;
            if (!page.first()) {
                List<String> after = page.after(2);
                args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1));
                sql += " and (p.created_at, p.id) < ($3, $4)";
            }
            args.addInteger(page.limit() + 1);
            sql += " order by p.created_at desc, p.id desc limit $" + args.size();
            return query(sql, args, page.limit(), row -> new PostViews.PostView(row.getString("id"),
                    row.getString("community_id"), row.getString("author_id"), author(row), row.getString("text"),
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
            Tuple args = Tuple.of(postId, callerId);
            String sql = "select p.id, p.post_id, p.author_id, p.text, p.created_at, pr.display_name, pr.avatar_url"
                    + " from post_comment p left join profile pr on pr.user_id = p.author_id"
                    + " where p.post_id = $1 and " + NOT_BLOCKED;
            if (!page.first()) {
                List<String> after = page.after(2);
                args.addOffsetDateTime(time(after.get(0)).atOffset(ZoneOffset.UTC)).addString(after.get(1));
                sql += " and (p.created_at, p.id) > ($3, $4)";
            }
            args.addInteger(page.limit() + 1);
            sql += " order by p.created_at, p.id limit $" + args.size();
            return query(sql, args, page.limit(), row -> new PostViews.CommentView(row.getString("id"),
                    row.getString("post_id"), row.getString("author_id"), author(row), row.getString("text"),
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

    private static AuthorProfile author(Row row) {
        return AuthorProfile.of(row.getString("author_id"), row.getString("display_name"),
                row.getString("avatar_url"));
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
