package io.circles.community.membership;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's place in a community: their role, and whether they are in or still waiting for approval. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    @Id
    @Column(name = "community_id")
    public String communityId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Enumerated(EnumType.STRING)
    public MembershipStatus status;

    public String answer;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Membership of(String communityId, String userId, Role role, MembershipStatus status, String answer,
            Instant createdAt) {
        Membership membership = new Membership();
        membership.communityId = communityId;
        membership.userId = userId;
        membership.role = role;
        membership.status = status;
        membership.answer = answer;
        membership.createdAt = createdAt;
        return membership;
    }

    public static Uni<Membership> find(String communityId, String userId) {
        return findById(new Key(communityId, userId));
    }

    /** The composite primary key (community, user). */
    public static class Key implements Serializable {

        public String communityId;
        public String userId;

        public Key() {
        }

        public Key(String communityId, String userId) {
            this.communityId = communityId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(communityId, key.communityId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(communityId, userId);
        }
    }
}
