package io.circles.community.membership;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

/** Reads member lists and pending requests, oldest first, with keyset cursors over (joined at, user id). */
@ApplicationScoped
public class MemberDirectory {

    private final Pool pool;

    MemberDirectory(Pool pool) {
        this.pool = pool;
    }

    /** Members (status MEMBER), optionally of one role; private communities list them to members only. */
    @WithSession
    public Uni<Page<MemberView>> members(String communityId, String callerId, boolean admin, Role role,
            PageRequest page) {
        return Access.load(communityId, callerId, admin)
                .flatMap(access -> {
                    access.requireRead();
                    return list(communityId, MembershipStatus.MEMBER, role, page);
                })
                .map(rows -> page(rows, page.limit(), row -> new MemberView(row.getString("user_id"), profile(row),
                        Role.valueOf(row.getString("role")), instant(row))));
    }

    /** Pending join requests, for the owner and moderators. */
    @WithSession
    public Uni<Page<JoinRequestView>> joinRequests(String communityId, String callerId, boolean admin,
            PageRequest page) {
        return Access.load(communityId, callerId, admin)
                .flatMap(access -> {
                    access.requireModerator();
                    return list(communityId, MembershipStatus.PENDING, null, page);
                })
                .map(rows -> page(rows, page.limit(), row -> new JoinRequestView(row.getString("user_id"),
                        profile(row), row.getString("answer"), instant(row))));
    }

    private Uni<List<Row>> list(String communityId, MembershipStatus status, Role role, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select m.user_id, m.role, m.answer, m.created_at, pr.display_name, pr.avatar_url from membership m
                left join profile pr on pr.user_id = m.user_id
                where m.community_id = $1 and m.status = $2""");
        Tuple args = Tuple.of(communityId, status.name());
        if (role != null) {
            args.addString(role.name());
            sql.append(" and m.role = $").append(args.size());
        }
        if (!page.first()) {
            List<String> after = page.after(2);
            args.addOffsetDateTime(parseTime(after.get(0))).addString(after.get(1));
            sql.append(" and (m.created_at, m.user_id) > ($").append(args.size() - 1).append(", $").append(args.size())
                    .append(")");
        }
        args.addInteger(page.limit() + 1);
        sql.append(" order by m.created_at, m.user_id limit $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }

    private static <T> Page<T> page(List<Row> rows, int limit, Function<Row, T> map) {
        List<T> items = rows.stream().limit(limit).map(map).toList();
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = PageRequest.encode(instant(last).toString(), last.getString("user_id"));
        }
        return new Page<>(items, next);
    }

    private static AuthorProfile profile(Row row) {
        return AuthorProfile.of(row.getString("user_id"), row.getString("display_name"), row.getString("avatar_url"));
    }

    private static Instant instant(Row row) {
        return row.getOffsetDateTime("created_at").toInstant();
    }

    private static OffsetDateTime parseTime(String value) {
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }

    /** One member as the member list shows it. */
    public record MemberView(String userId, AuthorProfile authorProfile, Role role, Instant joinedAt) {
    }

    /** One pending request with the answer to the join question. */
    public record JoinRequestView(String userId, AuthorProfile authorProfile, String answer, Instant requestedAt) {
    }
}
