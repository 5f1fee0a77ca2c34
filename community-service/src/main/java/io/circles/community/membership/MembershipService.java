package io.circles.community.membership;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.circles.community.db.Sql;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.community.MemberUnbanned;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.outbox.OutboxEvent;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Membership changes: join, leave, decide requests, roles, bans. Every state change is decided by one
 * conditional SQL statement (insert-if-absent, update/delete with the expected state in the WHERE clause), so
 * concurrent or repeated calls change state once, move {@code member_count} exactly, and emit one event.
 */
@ApplicationScoped
public class MembershipService {

    /**
     * A first join in one statement, so one round trip and no transaction around it (a statement is atomic): the
     * community's state decides, the insert decides who joined first (concurrent or repeated joins cannot create two
     * memberships; a banned user inserts nothing), the member count moves only with an inserted member, and the
     * outbox row of whichever event describes the insert is written with it. It answers one row when the community
     * exists: its status and, when a membership was inserted, that membership's status. Why nothing was inserted
     * (a member already, banned, or a concurrent change) is looked up afterwards, only then.
     */
    private static final String JOIN = """
            with target as (
                select id, visibility, status from community where id = $1
            ), joined as (
                insert into membership (community_id, user_id, role, status, answer, created_at)
                select t.id, $2, 'MEMBER', case when t.visibility = 'PUBLIC' then 'MEMBER' else 'PENDING' end,
                       case when t.visibility = 'PUBLIC' then null else $3 end, $4
                from target t
                where t.status = 'ACTIVE'
                  and not exists (select 1 from community_ban b where b.community_id = $1 and b.user_id = $2)
                on conflict (community_id, user_id) do nothing
                returning status
            ), counted as (
                update community set member_count = member_count + 1
                where id = $1 and exists (select 1 from joined where status = 'MEMBER')
            ), recorded as (
                insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
                select e.id, e.topic, e.record_key, e.type, e.source, e.subject, e.occurred_at, e.payload, e.traceparent
                from joined j join (values
                    ('MEMBER', $5::uuid, $6::text, $7::text, $8::text, $9::text, $10::text, $11::timestamptz, $12::text,
                        $13::text),
                    ('PENDING', $14::uuid, $15::text, $16::text, $17::text, $18::text, $19::text, $20::timestamptz,
                        $21::text, $22::text)
                ) as e(status, id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
                    on e.status = j.status
            )
            select t.status, (select status from joined) as joined from target t""";
    private static final String COUNT_PLUS = "update community set member_count = member_count + 1 where id = :id";
    private static final String COUNT_MINUS = "update community set member_count = member_count - 1 where id = :id";

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Pool sql;

    MembershipService(Outbox outbox, OutboxRelay relay, Pool sql) {
        this.outbox = outbox;
        this.relay = relay;
        this.sql = sql;
    }

    /**
     * Joins {@code userId} to the community. A repeat returns the existing state and records no event; the
     * member count moves by exactly one per new member, with an atomic update.
     */
    public Uni<JoinResult> join(String communityId, String userId, String answer) {
        Instant now = now();
        OutboxEvent joined = outbox.prepare(new MemberJoined(communityId, userId, Role.MEMBER.name(), now));
        OutboxEvent requested = outbox.prepare(new JoinRequested(communityId, userId, answer, now));
        Tuple params = requested.appendTo(joined.appendTo(Tuple.tuple().addString(communityId).addString(userId)
                .addString(answer).addValue(OutboxEvent.utc(now))));
        return sql.preparedQuery(JOIN).execute(params).flatMap(rows -> {
            RowIterator<Row> found = rows.iterator();
            if (!found.hasNext()) {
                throw ProblemException.notFound("no community " + communityId);
            }
            Row row = found.next();
            if (!"ACTIVE".equals(row.getString("status"))) {
                throw ProblemException.conflict("community " + communityId + " is archived");
            }
            String status = row.getString("joined");
            if (status == null) {
                return Panache.withSession(() -> existing(communityId, userId));
            }
            relay.wake();
            JoinResult result = new JoinResult(communityId, userId, MembershipStatus.valueOf(status), Role.MEMBER,
                    true);
            // The new member RSVPs and reads the feed at once: answer when member-joined is in Kafka, so the
            // projections that authorize those requests can tell it is on its way (docs/consistency.md).
            return "MEMBER".equals(status) ? relay.awaitPublished(joined.id).replaceWith(result)
                    : Uni.createFrom().item(result);
        });
    }

    /** Nothing was inserted: the caller is a member (or asked) already, is banned, or left in the meantime. */
    private Uni<JoinResult> existing(String communityId, String userId) {
        return Membership.find(communityId, userId).flatMap(membership -> {
            if (membership != null) {
                return Uni.createFrom().item(
                        new JoinResult(communityId, userId, membership.status, membership.role, false));
            }
            return Sql.exists("select 1 from community_ban where community_id = :c and user_id = :u limit 1",
                    "c", communityId, "u", userId)
                    .map(banned -> {
                        if (banned) {
                            throw ProblemException.forbidden("you are banned from community " + communityId);
                        }
                        throw ProblemException.conflict("the membership changed concurrently; retry");
                    });
        });
    }

    /**
     * Leaves the community (or withdraws a pending request). Leaving when not a member changes nothing; the
     * owner must hand ownership over first.
     */
    @WithTransaction
    public Uni<Void> leave(String communityId, String userId) {
        return Access.load(communityId, userId, false).flatMap(access -> {
            Membership membership = access.membership();
            if (membership == null) {
                return Uni.createFrom().voidItem();
            }
            if (access.owner()) {
                throw ProblemException.conflict("the owner must hand ownership to another member before leaving");
            }
            boolean wasMember = membership.status == MembershipStatus.MEMBER;
            return Sql.update("delete from membership where community_id = :c and user_id = :u and role <> 'OWNER'",
                    "c", communityId, "u", userId)
                    .flatMap(deleted -> deleted == 1 && wasMember
                            ? Sql.update(COUNT_MINUS, "id", communityId)
                                    .call(() -> outbox.append(new MemberLeft(communityId, userId, now())))
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem());
        });
    }

    /** Approves a pending request: the user becomes a MEMBER. No pending request → 404. */
    @WithTransaction
    public Uni<JoinResult> approve(String communityId, String callerId, boolean admin, String userId) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator().requireActive();
            Instant now = now();
            return Sql.update("""
                    update membership set status = 'MEMBER', created_at = :now
                    where community_id = :c and user_id = :u and status = 'PENDING'""",
                    "now", now, "c", communityId, "u", userId)
                    .flatMap(updated -> {
                        if (updated == 0) {
                            throw ProblemException.notFound("no pending join request of " + userId);
                        }
                        return Sql.update(COUNT_PLUS, "id", communityId)
                                .call(() -> outbox.append(
                                        new MemberJoined(communityId, userId, Role.MEMBER.name(), now)))
                                .replaceWith(new JoinResult(communityId, userId, MembershipStatus.MEMBER, Role.MEMBER,
                                        true));
                    });
        });
    }

    /** Rejects a pending request; the user may ask again. No pending request → 404. */
    @WithTransaction
    public Uni<Void> reject(String communityId, String callerId, boolean admin, String userId) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator();
            return Sql.update("delete from membership where community_id = :c and user_id = :u and status = 'PENDING'",
                    "c", communityId, "u", userId)
                    .flatMap(deleted -> {
                        if (deleted == 0) {
                            throw ProblemException.notFound("no pending join request of " + userId);
                        }
                        return outbox.append(new JoinRejected(communityId, userId, callerId, now())).replaceWithVoid();
                    });
        });
    }

    /**
     * Sets a member's role; only the owner may. Handing OWNER over demotes the caller to MODERATOR in the same
     * transaction; the caller's row is changed only while they are still the owner, so two concurrent
     * hand-overs cannot leave two owners.
     */
    @WithTransaction
    public Uni<RoleChange> changeRole(String communityId, String callerId, String userId, Role role) {
        return Access.load(communityId, callerId, false).flatMap(access -> {
            access.requireOwner();
            Role callerRoleAfter = RoleChangeRule.callerRoleAfter(callerId, userId, role);
            return Membership.find(communityId, userId).flatMap(target -> {
                if (target == null || target.status != MembershipStatus.MEMBER) {
                    throw ProblemException.notFound(userId + " is not a member of community " + communityId);
                }
                if (target.role == role) {
                    return Uni.createFrom().item(new RoleChange(communityId, userId, role, false));
                }
                Instant now = now();
                Uni<Void> demoteCaller = callerRoleAfter == Role.OWNER ? Uni.createFrom().voidItem()
                        : Sql.update("""
                                update membership set role = 'MODERATOR'
                                where community_id = :c and user_id = :u and role = 'OWNER' and status = 'MEMBER'""",
                                "c", communityId, "u", callerId)
                                .flatMap(updated -> {
                                    if (updated == 0) {
                                        throw ProblemException.conflict("you are no longer the owner");
                                    }
                                    return Sql.update("update community set owner_id = :u where id = :c",
                                            "u", userId, "c", communityId);
                                })
                                .call(() -> outbox.append(new MemberRoleChanged(communityId, callerId,
                                        Role.MODERATOR.name(), callerId, now)))
                                .replaceWithVoid();
                return demoteCaller
                        .flatMap(ignored -> Sql.update("""
                                update membership set role = :r
                                where community_id = :c and user_id = :u and status = 'MEMBER'""",
                                "r", role.name(), "c", communityId, "u", userId))
                        .call(() -> outbox.append(new MemberRoleChanged(communityId, userId, role.name(), callerId,
                                now)))
                        .replaceWith(new RoleChange(communityId, userId, role, true));
            });
        });
    }

    /** Bans a user: removes their membership or request and blocks rejoining. A repeat changes nothing. */
    @WithTransaction
    public Uni<Boolean> ban(String communityId, String callerId, boolean admin, String userId, String reason) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator();
            return Membership.find(communityId, userId).flatMap(target -> {
                Role targetRole = target != null && target.status == MembershipStatus.MEMBER ? target.role : null;
                RoleChangeRule.checkBan(callerId, access.member() ? access.membership().role : null, admin, userId,
                        targetRole);
                Instant now = now();
                return Sql.update("""
                        insert into community_ban (community_id, user_id, banned_by, reason, created_at)
                        values (:c, :u, :by, :reason, :now) on conflict do nothing""",
                        "c", communityId, "u", userId, "by", callerId, "reason", reason, "now", now)
                        .flatMap(inserted -> {
                            if (inserted == 0) {
                                return Uni.createFrom().item(false);
                            }
                            return Sql.update("""
                                    delete from membership
                                    where community_id = :c and user_id = :u
                                      and status = 'MEMBER' and role <> 'OWNER'""",
                                    "c", communityId, "u", userId)
                                    .flatMap(removedMember -> removedMember == 1
                                            ? Sql.update(COUNT_MINUS, "id", communityId)
                                            : Sql.update("delete from membership where community_id = :c"
                                                    + " and user_id = :u and status = 'PENDING'",
                                                    "c", communityId, "u", userId))
                                    .call(() -> outbox.append(new MemberBanned(communityId, userId, callerId, reason,
                                            now)))
                                    .replaceWith(true);
                        });
            });
        });
    }

    /** Lifts a ban; lifting one that does not exist changes nothing. */
    @WithTransaction
    public Uni<Void> unban(String communityId, String callerId, boolean admin, String userId) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator();
            return Sql.update("delete from community_ban where community_id = :c and user_id = :u",
                    "c", communityId, "u", userId)
                    .flatMap(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                            : outbox.append(new MemberUnbanned(communityId, userId, callerId, now()))
                                    .replaceWithVoid());
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The outcome of a role change; {@code changed} is false when the member already had the role. */
    public record RoleChange(String communityId, String userId, Role role, boolean changed) {
    }
}
