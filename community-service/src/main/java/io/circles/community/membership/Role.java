package io.circles.community.membership;

/** What a member may do in a community: the OWNER changes roles, MODERATORs decide requests and moderate. */
public enum Role {
    OWNER,
    MODERATOR,
    MEMBER
}
