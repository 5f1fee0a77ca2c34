package io.circles.event.activity;

import java.time.Instant;

import io.circles.events.Venue;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An offline activity in a community. Seat counters change only while the row is locked for update. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public String id;

    /** The hosting community, or null for a merchant's activity. */
    @Column(name = "community_id")
    public String communityId;

    /** The hosting merchant, or null for a community's activity. */
    @Column(name = "merchant_id")
    public String merchantId;

    @Column(name = "organizer_id")
    public String organizerId;

    public String title;

    public String description;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "venue_name")
    public String venueName;

    @Column(name = "venue_address")
    public String venueAddress;

    public double lat;

    public double lon;

    public int capacity;

    @Column(name = "rsvp_opens_at")
    public Instant rsvpOpensAt;

    @Column(name = "rsvp_closes_at")
    public Instant rsvpClosesAt;

    public String status;

    @Column(name = "going_seats")
    public int goingSeats;

    @Column(name = "waitlist_count")
    public int waitlistCount;

    @Column(name = "next_ticket")
    public long nextTicket;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Venue venue() {
        return new Venue(venueName, venueAddress, lat, lon);
    }

    public boolean isCancelled() {
        return CANCELLED.equals(status);
    }

    public boolean rsvpOpenAt(Instant now) {
        return !now.isBefore(rsvpOpensAt) && now.isBefore(rsvpClosesAt);
    }
}
