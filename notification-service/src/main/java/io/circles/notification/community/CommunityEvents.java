package io.circles.notification.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.notification.inbox.Draft;
import io.circles.notification.inbox.NotificationType;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.notification.live.LiveNotifications;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * community.events.v1: communities, their members and roles, pending join requests. A member-joined event that ends a
 * pending request is an approval (JOIN_APPROVED); without one it is a direct join to a public community (nothing to
 * say). Leaving or being banned from a private community takes its notifications away from the person who left.
 */
@ApplicationScoped
public class CommunityEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(CommunityCreated.TYPE, CommunityUpdated.TYPE, MemberJoined.TYPE,
            MemberLeft.TYPE, MemberBanned.TYPE, MemberRoleChanged.TYPE, JoinRequested.TYPE, JoinRejected.TYPE);

    private static final String PUT_COMMUNITY = """
            insert into community (id, name, visibility) values ($1, $2, $3)
            on conflict (id) do update set name = excluded.name, visibility = excluded.visibility""";
    private static final String PUT_MEMBER = """
            insert into community_member (community_id, user_id, role, status) values ($1, $2, $3, 'MEMBER')
            on conflict (community_id, user_id) do update set role = excluded.role, status = 'MEMBER'""";
    private static final String MARK_LEFT = """
            insert into community_member (community_id, user_id, role, status) values ($1, $2, 'MEMBER', 'LEFT')
            on conflict (community_id, user_id) do update set status = 'LEFT'""";
    /** A private community's notifications leave with the member (and their open streams hear the new count). */
    private static final String FORGET_PRIVATE = """
            with removed as (
                delete from notification n using community c
                where c.id = $1 and c.visibility = 'PRIVATE' and n.community_id = $1 and n.recipient_id = $2
                returning n.recipient_id
            )
            select pg_notify($3, $2::text || ' ') where exists (select 1 from removed)""";
    private static final String ADD_REQUEST = """
            insert into join_request (community_id, user_id) values ($1, $2) on conflict do nothing""";
    private static final String END_REQUEST = "delete from join_request where community_id = $1 and user_id = $2";
    private static final String DECIDERS = """
            select user_id from community_member
            where community_id = $1 and status = 'MEMBER' and role in ('OWNER', 'MODERATOR')""";

    private final ObjectMapper json;

    CommunityEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        return switch (event.type()) {
            case CommunityCreated.TYPE -> {
                CommunityCreated created = event.dataAs(CommunityCreated.class, json);
                Payloads.require(event, created.communityId(), created.ownerId());
                yield run(sql, PUT_COMMUNITY, Tuple.of(created.communityId(), created.name(), visibility(
                        created.visibility())))
                        .chain(() -> run(sql, PUT_MEMBER, Tuple.of(created.communityId(), created.ownerId(), "OWNER")))
                        .map(done -> List.of());
            }
            case CommunityUpdated.TYPE -> {
                CommunityUpdated updated = event.dataAs(CommunityUpdated.class, json);
                Payloads.require(event, updated.communityId());
                yield run(sql, PUT_COMMUNITY, Tuple.of(updated.communityId(), updated.name(),
                        visibility(updated.visibility()))).map(done -> List.of());
            }
            case MemberJoined.TYPE -> {
                MemberJoined joined = event.dataAs(MemberJoined.class, json);
                Payloads.require(event, joined.communityId(), joined.userId());
                String role = joined.role() == null ? "MEMBER" : joined.role();
                yield sql.preparedQuery(END_REQUEST).execute(Tuple.of(joined.communityId(), joined.userId()))
                        .flatMap(ended -> run(sql, PUT_MEMBER, Tuple.of(joined.communityId(), joined.userId(), role))
                                .map(done -> ended.rowCount() == 0 ? List.<Draft>of()
                                        : List.of(new Draft(NotificationType.JOIN_APPROVED, List.of(joined.userId()),
                                                null, Draft.community(joined.communityId()), joined.communityId(),
                                                null, null, null, joined.joinedAt()))));
            }
            case MemberLeft.TYPE -> {
                MemberLeft left = event.dataAs(MemberLeft.class, json);
                Payloads.require(event, left.communityId(), left.userId());
                yield leave(sql, left.communityId(), left.userId());
            }
            case MemberBanned.TYPE -> {
                MemberBanned banned = event.dataAs(MemberBanned.class, json);
                Payloads.require(event, banned.communityId(), banned.userId());
                yield leave(sql, banned.communityId(), banned.userId());
            }
            case MemberRoleChanged.TYPE -> {
                MemberRoleChanged changed = event.dataAs(MemberRoleChanged.class, json);
                Payloads.require(event, changed.communityId(), changed.userId(), changed.role());
                yield run(sql, PUT_MEMBER, Tuple.of(changed.communityId(), changed.userId(), changed.role()))
                        .map(done -> List.of(new Draft(NotificationType.ROLE_CHANGED, List.of(changed.userId()),
                                changed.changedBy(), Draft.community(changed.communityId()), changed.communityId(),
                                null, null, changed.role(), changed.changedAt())));
            }
            case JoinRequested.TYPE -> {
                JoinRequested requested = event.dataAs(JoinRequested.class, json);
                Payloads.require(event, requested.communityId(), requested.userId());
                yield run(sql, ADD_REQUEST, Tuple.of(requested.communityId(), requested.userId()))
                        .chain(() -> sql.preparedQuery(DECIDERS).execute(Tuple.of(requested.communityId())))
                        .map(rows -> {
                            List<String> deciders = new ArrayList<>();
                            for (Row row : rows) {
                                deciders.add(row.getString(0));
                            }
                            return List.of(new Draft(NotificationType.JOIN_REQUESTED, deciders, requested.userId(),
                                    Draft.community(requested.communityId()), requested.communityId(), null, null,
                                    requested.answer(), requested.requestedAt()));
                        });
            }
            case JoinRejected.TYPE -> {
                JoinRejected rejected = event.dataAs(JoinRejected.class, json);
                Payloads.require(event, rejected.communityId(), rejected.userId());
                yield run(sql, END_REQUEST, Tuple.of(rejected.communityId(), rejected.userId()))
                        .map(done -> List.of(new Draft(NotificationType.JOIN_REJECTED, List.of(rejected.userId()),
                                rejected.decidedBy(), Draft.community(rejected.communityId()),
                                rejected.communityId(), null, null, null, rejected.rejectedAt())));
            }
            default -> Uni.createFrom().item(List.of());
        };
    }

    private static Uni<List<Draft>> leave(SqlConnection sql, String communityId, String userId) {
        return run(sql, MARK_LEFT, Tuple.of(communityId, userId))
                .chain(() -> run(sql, END_REQUEST, Tuple.of(communityId, userId)))
                .chain(() -> run(sql, FORGET_PRIVATE, Tuple.of(communityId, userId, LiveNotifications.CHANNEL)))
                .map(done -> List.of());
    }

    private static String visibility(String visibility) {
        return visibility == null ? "PUBLIC" : visibility;
    }

    private static Uni<Void> run(SqlConnection sql, String statement, Tuple arguments) {
        return sql.preparedQuery(statement).execute(arguments).replaceWithVoid();
    }
}
