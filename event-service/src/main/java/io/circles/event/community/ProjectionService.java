package io.circles.event.community;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.event.rsvp.Seats;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.platform.dedupe.ProcessedEvents;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.UnprocessableEventException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one community event to the projection together with its dedupe mark (one statement for a member joining or
 * changing role, one transaction for the rest): a redelivered event changes nothing. Types this service does not use
 * are skipped (tolerant reader).
 */
@ApplicationScoped
public class ProjectionService {

    static final String CONSUMER = "event-service";

    private static final Set<String> KNOWN = Set.of(CommunityCreated.TYPE, CommunityUpdated.TYPE,
            CommunityArchived.TYPE, MemberJoined.TYPE, MemberLeft.TYPE, MemberBanned.TYPE, MemberRoleChanged.TYPE);

    /**
     * A member joining or changing role, the most frequent events by far: the dedupe mark and the upsert in one
     * statement, one round trip and no transaction around it (a statement is atomic). A redelivered event inserts no
     * mark and so changes nothing; the member keeps the date they joined, their role follows the event.
     */
    private static final String PUT_MEMBER_ONCE = """
            with first as (
                insert into processed_event (consumer, event_id) values ($1, $2) on conflict do nothing returning 1
            )
            insert into community_member (community_id, user_id, role, joined_at)
            select $3, $4, $5, $6 from first
            on conflict (community_id, user_id) do update set role = excluded.role""";

    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Seats seats;
    private final Pool sql;
    private final ProjectionService self;

    ProjectionService(ProcessedEvents processed, ObjectMapper json, Seats seats, Pool sql,
            ProjectionService self) {
        this.processed = processed;
        this.json = json;
        this.seats = seats;
        this.sql = sql;
        this.self = self;
    }

    public Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case MemberJoined.TYPE -> {
                MemberJoined joined = event.dataAs(MemberJoined.class, json);
                require(event, joined.communityId(), joined.userId());
                yield putMemberOnce(event, joined.communityId(), joined.userId(),
                        joined.role() == null ? "MEMBER" : joined.role(), joined.joinedAt());
            }
            case MemberRoleChanged.TYPE -> {
                MemberRoleChanged changed = event.dataAs(MemberRoleChanged.class, json);
                require(event, changed.communityId(), changed.userId(), changed.role());
                yield putMemberOnce(event, changed.communityId(), changed.userId(), changed.role(),
                        changed.changedAt());
            }
            default -> self.applyInTransaction(event);
        };
    }

    private Uni<Void> putMemberOnce(IncomingEvent event, String communityId, String userId, String role, Instant at) {
        return sql.preparedQuery(PUT_MEMBER_ONCE)
                .execute(Tuple.of(CONSUMER, event.id(), communityId, userId, role,
                        (at == null ? Instant.now() : at).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Every other event: its effect and its dedupe mark in one transaction. */
    @WithTransaction
    Uni<Void> applyInTransaction(IncomingEvent event) {
        if (!KNOWN.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        // Parse before marking, so an unreadable payload fails (and is dead-lettered) without a dedupe row.
        Uni<Void> effect = effect(event);
        return processed.firstDelivery(CONSUMER, event.id())
                .flatMap(first -> first ? effect : Uni.createFrom().voidItem());
    }

    private Uni<Void> effect(IncomingEvent event) {
        return switch (event.type()) {
            case CommunityCreated.TYPE -> {
                CommunityCreated created = event.dataAs(CommunityCreated.class, json);
                require(event, created.communityId(), created.name(), created.visibility());
                yield upsertCommunity(created.communityId(), created.name(), created.interests(), created.city(),
                        created.visibility(), created.createdAt());
            }
            case CommunityUpdated.TYPE -> {
                CommunityUpdated updated = event.dataAs(CommunityUpdated.class, json);
                require(event, updated.communityId(), updated.name(), updated.visibility());
                yield upsertCommunity(updated.communityId(), updated.name(), updated.interests(), updated.city(),
                        updated.visibility(), updated.updatedAt());
            }
            case CommunityArchived.TYPE -> {
                CommunityArchived archived = event.dataAs(CommunityArchived.class, json);
                require(event, archived.communityId());
                yield Community.<Community>findById(archived.communityId()).invoke(community -> {
                    if (community != null) {
                        community.status = "ARCHIVED";
                    }
                }).replaceWithVoid();
            }
            case MemberLeft.TYPE -> {
                MemberLeft left = event.dataAs(MemberLeft.class, json);
                require(event, left.communityId(), left.userId());
                yield removeMember(left.communityId(), left.userId());
            }
            case MemberBanned.TYPE -> {
                MemberBanned banned = event.dataAs(MemberBanned.class, json);
                require(event, banned.communityId(), banned.userId());
                yield removeMember(banned.communityId(), banned.userId());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsertCommunity(String id, String name, List<String> interests, String city, String visibility,
            Instant at) {
        return Community.<Community>findById(id).flatMap(existing -> {
            Community community = existing == null ? new Community() : existing;
            community.id = id;
            community.name = name;
            community.interests = interests == null ? List.of() : List.copyOf(interests);
            community.city = city;
            community.visibility = visibility;
            if (community.status == null) {
                community.status = "ACTIVE";
            }
            community.updatedAt = at == null ? Instant.now() : at;
            return existing == null ? community.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    /** Leaving or being banned ends membership and gives up the user's seats at upcoming activities. */
    private Uni<Void> removeMember(String communityId, String userId) {
        return CommunityMember.find(communityId, userId)
                .call(member -> member == null ? Uni.createFrom().voidItem() : member.delete())
                .call(() -> seats.withdrawFromUpcoming(communityId, userId))
                .replaceWithVoid();
    }

    private static void require(IncomingEvent event, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new UnprocessableEventException("event " + event.id() + " (" + event.type()
                        + ") lacks a required field");
            }
        }
    }
}
