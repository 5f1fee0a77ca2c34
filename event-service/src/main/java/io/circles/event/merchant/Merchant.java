package io.circles.event.merchant;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** This service's copy of a merchant's owner and status, kept from merchant.events.v1. */
@Entity
@Table(name = "merchant")
public class Merchant extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REJECTED = "REJECTED";

    @Id
    public String id;

    @Column(name = "owner_id")
    public String ownerId;

    /** ACTIVE, PENDING_REVIEW, SUSPENDED or REJECTED. */
    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
