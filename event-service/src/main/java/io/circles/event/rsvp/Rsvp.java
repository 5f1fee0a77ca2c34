package io.circles.event.rsvp;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One user's RSVP to an activity: GOING, WAITLISTED (with a ticket giving their place) or CANCELLED. */
@Entity
@Table(name = "rsvp")
@IdClass(Rsvp.Key.class)
public class Rsvp extends PanacheEntityBase {

    public static final String GOING = "GOING";
    public static final String WAITLISTED = "WAITLISTED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    @Column(name = "activity_id")
    public String activityId;

    @Id
    @Column(name = "user_id")
    public String userId;

    public String status;

    public int guests;

    @Column(name = "waitlist_ticket")
    public Long waitlistTicket;

    @Column(name = "waitlisted_at")
    public Instant waitlistedAt;

    @Column(name = "checked_in_at")
    public Instant checkedInAt;

    @Column(name = "checked_in_by")
    public String checkedInBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Uni<Rsvp> find(String activityId, String userId) {
        return findById(new Key(activityId, userId));
    }

    /** The live status (GOING or WAITLISTED), or null for a cancelled or absent RSVP. */
    public static String liveStatus(Rsvp rsvp) {
        return rsvp == null || CANCELLED.equals(rsvp.status) ? null : rsvp.status;
    }

    /** The composite primary key (activity, user). */
    public static class Key implements Serializable {

        public String activityId;
        public String userId;

        public Key() {
        }

        public Key(String activityId, String userId) {
            this.activityId = activityId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(activityId, key.activityId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(activityId, userId);
        }
    }
}
