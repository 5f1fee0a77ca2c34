package io.circles.event.community;

import java.time.Instant;
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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one community event to the projection, in one transaction with its dedupe mark: a redelivered event
 * changes nothing. Types this service does not use are skipped (tolerant reader).
 */
@ApplicationScoped
public class ProjectionService {

    static final String CONSUMER = "event-service";

    private static final Set<String> KNOWN = Set.of(CommunityCreated.TYPE, CommunityUpdated.TYPE,
            CommunityArchived.TYPE, MemberJoined.TYPE, MemberLeft.TYPE, MemberBanned.TYPE, MemberRoleChanged.TYPE);

    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Seats seats;

    ProjectionService(ProcessedEvents processed, ObjectMapper json, Seats seats) {
        this.processed = processed;
        this.json = json;
        this.seats = seats;
    }

    @WithTransaction
    public Uni<Void> apply(IncomingEvent event) {
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
            case MemberJoined.TYPE -> {
                MemberJoined joined = event.dataAs(MemberJoined.class, json);
                require(event, joined.communityId(), joined.userId());
                yield putMember(joined.communityId(), joined.userId(),
                        joined.role() == null ? "MEMBER" : joined.role(), joined.joinedAt());
            }
            case MemberRoleChanged.TYPE -> {
                MemberRoleChanged changed = event.dataAs(MemberRoleChanged.class, json);
                require(event, changed.communityId(), changed.userId(), changed.role());
                yield putMember(changed.communityId(), changed.userId(), changed.role(), changed.changedAt());
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

    private Uni<Void> putMember(String communityId, String userId, String role, Instant at) {
        return CommunityMember.find(communityId, userId).flatMap(existing -> {
            if (existing != null) {
                existing.role = role;
                return Uni.createFrom().voidItem();
            }
            CommunityMember member = new CommunityMember();
            member.communityId = communityId;
            member.userId = userId;
            member.role = role;
            member.joinedAt = at == null ? Instant.now() : at;
            return member.persist().replaceWithVoid();
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
