package io.circles.community.membership;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.circles.community.community.Community;
import io.circles.community.community.Visibility;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberJoined;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Joining communities: one tap for public ones, a request for private ones. */
@ApplicationScoped
public class MembershipService {

    // The insert decides who joined first: concurrent or repeated joins cannot create two memberships.
    private static final String INSERT_IF_ABSENT = """
            insert into membership (community_id, user_id, role, status, answer, created_at)
            values (:communityId, :userId, :role, :status, :answer, :createdAt)
            on conflict (community_id, user_id) do nothing""";

    private final Outbox outbox;

    MembershipService(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Joins {@code userId} to the community. A repeat returns the existing state and records no event; the
     * member count moves by exactly one per new member, with an atomic update.
     */
    @WithTransaction
    public Uni<JoinResult> join(String communityId, String userId, String answer) {
        return Community.<Community>findById(communityId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no community " + communityId))
                .flatMap(community -> {
                    if (!"ACTIVE".equals(community.status)) {
                        throw ProblemException.conflict("community " + communityId + " is archived");
                    }
                    boolean open = community.visibility == Visibility.PUBLIC;
                    MembershipStatus status = open ? MembershipStatus.MEMBER : MembershipStatus.PENDING;
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                            .setParameter("communityId", communityId)
                            .setParameter("userId", userId)
                            .setParameter("role", Role.MEMBER.name())
                            .setParameter("status", status.name())
                            .setParameter("answer", open ? null : answer)
                            .setParameter("createdAt", now)
                            .executeUpdate())
                            .flatMap(inserted -> inserted == 0
                                    ? existing(communityId, userId)
                                    : open ? admitted(communityId, userId, now) : requested(communityId, userId, answer, now));
                });
    }

    private Uni<JoinResult> admitted(String communityId, String userId, Instant now) {
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("update community set member_count = member_count + 1 where id = :id")
                        .setParameter("id", communityId)
                        .executeUpdate())
                .call(() -> outbox.append(new MemberJoined(communityId, userId, Role.MEMBER.name(), now)))
                .replaceWith(new JoinResult(communityId, userId, MembershipStatus.MEMBER, Role.MEMBER, true));
    }

    private Uni<JoinResult> requested(String communityId, String userId, String answer, Instant now) {
        return outbox.append(new JoinRequested(communityId, userId, answer, now))
                .replaceWith(new JoinResult(communityId, userId, MembershipStatus.PENDING, Role.MEMBER, true));
    }

    private Uni<JoinResult> existing(String communityId, String userId) {
        return Membership.find(communityId, userId)
                .map(membership -> new JoinResult(communityId, userId, membership.status, membership.role, false));
    }
}
