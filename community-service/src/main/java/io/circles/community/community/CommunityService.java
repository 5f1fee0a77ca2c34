package io.circles.community.community;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.circles.community.interest.Interests;
import io.circles.community.membership.Membership;
import io.circles.community.membership.MembershipStatus;
import io.circles.community.membership.Role;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Creating and reading communities. */
@ApplicationScoped
public class CommunityService {

    private final Outbox outbox;

    CommunityService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Creates the community with its creator as OWNER, and records community-created and member-joined. */
    @WithTransaction
    public Uni<CommunityView> create(String ownerId, CreateCommunityRequest request) {
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < request.interests().size(); i++) {
            if (!Interests.isKnown(request.interests().get(i))) {
                unknown.add(new Problem.FieldError("interests[" + i + "]",
                        "unknown interest '" + request.interests().get(i) + "' (see GET /api/interests)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    unknown.get(0).field() + ": " + unknown.get(0).message(), unknown);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
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
        return Community.<Community>findById(communityId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no community " + communityId))
                .flatMap(community -> Membership.find(communityId, callerId)
                        .map(membership -> CommunityView.of(community, membership)));
    }
}
