package io.circles.community.membership;

/** The caller's membership after a join; {@code created} tells a first join (201) from a repeat (200). */
public record JoinResult(String communityId, String userId, MembershipStatus status, Role role, boolean created) {
}
