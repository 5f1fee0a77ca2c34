package io.circles.community.post;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member's image-text or short-video post in a community. */
@Entity
@Table(name = "post")
public class Post extends PanacheEntityBase {

    public static final String VISIBLE = "VISIBLE";

    @Id
    public String id;

    @Column(name = "community_id")
    public String communityId;

    @Column(name = "author_id")
    public String authorId;

    public String text;

    /** The attachments as a JSON array of {@link io.circles.events.Media}. */
    public String media;

    /** VISIBLE, HIDDEN or DELETED; changed only by conditional statements, never by flushing a stale entity. */
    @Column(updatable = false)
    public String status;

    /** Counters move only by atomic SQL increments. */
    @Column(name = "like_count", updatable = false)
    public int likeCount;

    @Column(name = "comment_count", updatable = false)
    public int commentCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
