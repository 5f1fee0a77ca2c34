package io.circles.feed.people;

/** What a card shows of the person behind it; someone who never saved a profile shows their id. */
public record AuthorProfile(String id, String displayName, String avatarUrl) {

    public static AuthorProfile unnamed(String id) {
        return new AuthorProfile(id, id, null);
    }
}
