package io.circles.event.people;

/**
 * What a card shows of a person, as community-service's lists show it: lists read it by joining the profile
 * projection, so a rename shows on every list at once; a person without a profile shows their id.
 */
public record AuthorProfile(String id, String displayName, String avatarUrl) {

    /** From a left join: a missing profile row gives nulls, and the id stands in for the name. */
    public static AuthorProfile of(String id, String displayName, String avatarUrl) {
        return new AuthorProfile(id, displayName == null ? id : displayName, avatarUrl);
    }
}
