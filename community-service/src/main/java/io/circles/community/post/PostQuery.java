package io.circles.community.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.circles.community.interest.Interests;
import io.circles.community.web.PageRequest;
import io.circles.platform.problem.ProblemException;

/**
 * One statement over the posts a caller may read across communities, newest first: visible posts of active
 * communities that are public or that the caller is a member of, filtered by Chinese-aware text ({@code q}, see
 * {@code search_query} in V5__search.sql), city, interest or topic, never by an author the caller blocks, each with
 * its author's profile. The readability rule lives here only; search and topic lists both go through it.
 */
public final class PostQuery {

    static final String COLUMNS = "p.id, p.community_id, p.author_id, p.text, p.media, p.like_count,"
            + " p.comment_count, p.status, p.created_at, p.updated_at, pr.display_name, pr.avatar_url";

    private final String sql;
    private final List<Object> args;

    private PostQuery(String sql, List<Object> args) {
        this.sql = sql;
        this.args = args;
    }

    public String sql() {
        return sql;
    }

    public List<Object> args() {
        return args;
    }

    /** Validates the raw parameters (400 with the field on anything wrong); {@code tag} is already parsed. */
    public static PostQuery of(String callerId, String q, String city, String interest, String tag,
            PageRequest page) {
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        args.add(callerId);
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from post p");
        // With a topic the topic index supplies the order; its created_at is the post's.
        String order = "p";
        String id = "p.id";
        if (tag != null) {
            args.add(tag);
            sql.append(" join post_topic t on t.post_id = p.id and t.tag = $").append(args.size());
            order = "t";
            id = "t.post_id";
        }
        sql.append(" join community c on c.id = p.community_id left join profile pr on pr.user_id = p.author_id");
        where.add("p.status = 'VISIBLE'");
        where.add("c.status = 'ACTIVE'");
        where.add("(c.visibility = 'PUBLIC' or exists (select 1 from membership m where m.community_id = c.id"
                + " and m.user_id = $1 and m.status = 'MEMBER'))");
        where.add("not exists (select 1 from person_block b where b.blocker_id = $1 and b.blocked_id = p.author_id)");
        if (q != null && !q.isBlank()) {
            if (q.length() > 200) {
                throw ProblemException.badRequest("q", "size must be between 1 and 200");
            }
            args.add(q.strip());
            // In FROM, the query is built once per statement, not once per row of a generic plan.
            sql.append(" cross join search_query($").append(args.size()).append(") as query");
            where.add("p.search @@ query");
        }
        if (city != null && !city.isBlank()) {
            if (city.length() > 80) {
                throw ProblemException.badRequest("city", "size must be between 1 and 80");
            }
            args.add(city.strip().toLowerCase(Locale.ROOT));
            where.add("lower(c.city) = $" + args.size());
        }
        if (interest != null && !interest.isBlank()) {
            if (!Interests.isKnown(interest.strip())) {
                throw ProblemException.badRequest("interest", "unknown interest (see GET /api/interests)");
            }
            args.add(interest.strip());
            where.add("c.interests @> array[$" + args.size() + "::text]");
        }
        if (!page.first()) {
            List<String> after = page.after(2);
            args.add(time(after.get(0)).atOffset(ZoneOffset.UTC));
            args.add(after.get(1));
            where.add("(" + order + ".created_at, " + id + ") < ($" + (args.size() - 1) + ", $" + args.size() + ")");
        }
        args.add(page.limit() + 1);
        sql.append(" where ").append(String.join(" and ", where))
                .append(" order by ").append(order).append(".created_at desc, ").append(id).append(" desc limit $")
                .append(args.size());
        return new PostQuery(sql.toString(), args);
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }
}
