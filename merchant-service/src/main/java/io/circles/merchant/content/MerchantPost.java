package io.circles.merchant.content;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An image-text or short-video post on a merchant's life account. */
@Entity
@Table(name = "merchant_post")
public class MerchantPost extends PanacheEntityBase {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String REMOVED = "REMOVED";

    @Id
    public String id;

    @Column(name = "merchant_id")
    public String merchantId;

    @Column(name = "author_id")
    public String authorId;

    public String text;

    /** The attachments as a JSON array; always read and written whole. */
    public String media;

    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "removed_at")
    public Instant removedAt;
}
