package io.circles.community.community;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.circles.community.db.Sql;
import io.circles.community.interest.Interests;
import io.circles.community.membership.Access;
import io.circles.community.membership.Membership;
import io.circles.community.membership.MembershipStatus;
import io.circles.community.membership.Role;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.MemberJoined;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Creating, reading, editing and archiving communities. */
@ApplicationScoped
public class CommunityService {

    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;

    CommunityService(Outbox outbox, IdempotencyKeys idempotencyKeys) {
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Creates the community with its creator as OWNER, and records community-created and member-joined. With an
     * idempotency key, a retry returns the first response and creates nothing.
     */
    @WithTransaction
    public Uni<IdempotencyKeys.StoredResponse> create(String ownerId, CreateCommunityRequest request,
            String idempotencyKey) {
        Interests.check(request.interests());
        return idempotencyKeys.once(ownerId, "community", idempotencyKey, request,
                () -> create(ownerId, request).map(view -> IdempotencyKeys.Created.at(
                        "/api/communities/" + view.id(), view)));
    }

    private Uni<CommunityView> create(String ownerId, CreateCommunityRequest request) {
        Instant now = now();
        Community community = new Community();
        community.id = UUID.randomUUID().toString();
        community.name = request.name().strip();
        community.description = request.description();
        community.interests = request.interests().stream().distinct().toList();
        community.city = request.city().strip();
        community.lat = request.location().lat();
        community.lon = request.location().lon();
        community.visibility = request.visibility();
        community.joinQuestion = request.joinQuestion();
        community.ownerId = ownerId;
        community.memberCount = 1;
        community.status = "ACTIVE";
        community.createdAt = now;
        community.updatedAt = now;

        Membership owner = Membership.of(community.id, ownerId, Role.OWNER, MembershipStatus.MEMBER, null, now);
        return community.<Community>persist()
                .call(owner::persist)
                .call(() -> outbox.append(new CommunityCreated(community.id, community.name, community.description,
                        community.interests, community.city, community.lat, community.lon,
                        community.visibility.name(), ownerId, now)))
                .call(() -> outbox.append(new MemberJoined(community.id, ownerId, Role.OWNER.name(), now)))
                .map(created -> CommunityView.of(created, owner));
    }

    @WithSession
    public Uni<CommunityView> get(String communityId, String callerId) {
        return Access.load(communityId, callerId, false)
                .map(access -> CommunityView.of(access.community(), access.membership()));
    }

    /** Edits the fields present (owner or moderator); records community-updated only when something changed. */
    @WithTransaction
    public Uni<CommunityView> update(String communityId, String callerId, boolean admin,
            UpdateCommunityRequest request) {
        if (request.interests() != null) {
            Interests.check(request.interests());
        }
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            access.requireModerator().requireActive();
            Community community = access.community();
            boolean changed = false;
            if (request.name() != null && !request.name().strip().equals(community.name)) {
                community.name = request.name().strip();
                changed = true;
            }
            if (request.description() != null && !request.description().equals(community.description)) {
                community.description = request.description();
                changed = true;
            }
            if (request.interests() != null) {
                List<String> interests = request.interests().stream().distinct().toList();
                if (!interests.equals(community.interests)) {
                    community.interests = interests;
                    changed = true;
                }
            }
            if (request.city() != null && !request.city().strip().equals(community.city)) {
                community.city = request.city().strip();
                changed = true;
            }
            if (request.location() != null
                    && (request.location().lat() != community.lat || request.location().lon() != community.lon)) {
                community.lat = request.location().lat();
                community.lon = request.location().lon();
                changed = true;
            }
            if (request.visibility() != null && request.visibility() != community.visibility) {
                community.visibility = request.visibility();
                changed = true;
            }
            if (request.joinQuestion() != null && !Objects.equals(request.joinQuestion(), community.joinQuestion)) {
                community.joinQuestion = request.joinQuestion();
                changed = true;
            }
            if (!changed) {
                return Uni.createFrom().item(CommunityView.of(community, access.membership()));
            }
            Instant now = now();
            community.updatedAt = now;
            return outbox.append(new CommunityUpdated(community.id, community.name, community.description,
                    community.interests, community.city, community.lat, community.lon, community.visibility.name(),
                    callerId, now))
                    .map(ignored -> CommunityView.of(community, access.membership()));
        });
    }

    /** Archives the community (owner or platform admin); archiving an archived community changes nothing. */
    @WithTransaction
    public Uni<Void> archive(String communityId, String callerId, boolean admin) {
        return Access.load(communityId, callerId, admin).flatMap(access -> {
            if (!access.owner() && !admin) {
                throw ProblemException.forbidden("only the owner may archive community " + communityId);
            }
            Instant now = now();
            return Sql.update("update community set status = 'ARCHIVED', updated_at = :now"
                    + " where id = :id and status = 'ACTIVE'", "now", now, "id", communityId)
                    .flatMap(updated -> updated == 0 ? Uni.createFrom().voidItem()
                            : outbox.append(new CommunityArchived(communityId, callerId, now)).replaceWithVoid());
        });
    }


    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
