package io.circles.community.community;

import java.time.Instant;
import java.util.List;

import io.circles.community.membership.Membership;

/** A community as clients see it, with the caller's own membership (null when they have none). */
public record CommunityView(
        String id,
        String name,
        String description,
        List<String> interests,
        String city,
        CreateCommunityRequest.Location location,
        Visibility visibility,
        String joinQuestion,
        String ownerId,
        int memberCount,
        String status,
        Instant createdAt,
        MembershipView membership) {

    /** The caller's role and status in the community. */
    public record MembershipView(String role, String status) {
    }

    public static CommunityView of(Community community, Membership callerMembership) {
        return new CommunityView(community.id, community.name, community.description, community.interests,
                community.city, new CreateCommunityRequest.Location(community.lat, community.lon),
                community.visibility, community.joinQuestion, community.ownerId, community.memberCount,
                community.status, community.createdAt,
                callerMembership == null ? null
                        : new MembershipView(callerMembership.role.name(), callerMembership.status.name()));
    }
}
