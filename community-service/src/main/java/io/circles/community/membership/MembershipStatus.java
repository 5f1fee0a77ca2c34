package io.circles.community.membership;

/** MEMBER once in; PENDING while a private community's moderators have not decided. */
public enum MembershipStatus {
    MEMBER,
    PENDING
}
