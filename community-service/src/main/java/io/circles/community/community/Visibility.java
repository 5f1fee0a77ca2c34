package io.circles.community.community;

/** Who sees a community's content and how one joins: PUBLIC is one tap, PRIVATE needs a moderator's approval. */
public enum Visibility {
    PUBLIC,
    PRIVATE
}
