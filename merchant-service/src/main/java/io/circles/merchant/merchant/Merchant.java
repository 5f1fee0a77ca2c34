package io.circles.merchant.merchant;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A merchant's life account. */
@Entity
@Table(name = "merchant")
public class Merchant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "owner_id")
    public String ownerId;

    public String name;

    public String category;

    public String city;

    public double lat;

    public double lon;

    @Column(name = "license_number")
    public String licenseNumber;

    @Enumerated(EnumType.STRING)
    public MerchantStatus status;

    /** Maintained with atomic SQL increments, never read-modify-write, so it stays exact under concurrent follows. */
    @Column(name = "follower_count")
    public int followerCount;

    @Column(name = "post_count")
    public int postCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isOwnedBy(String userId) {
        return ownerId.equals(userId);
    }
}
