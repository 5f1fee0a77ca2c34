package io.circles.event.community;

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

/** A current member of a community with their role (OWNER, MODERATOR, MEMBER), kept from membership events. */
@Entity
@Table(name = "community_member")
@IdClass(CommunityMember.Key.class)
public class CommunityMember extends PanacheEntityBase {

    @Id
    @Column(name = "community_id")
    public String communityId;

    @Id
    @Column(name = "user_id")
    public String userId;

    public String role;

    @Column(name = "joined_at")
    public Instant joinedAt;

    public static Uni<CommunityMember> find(String communityId, String userId) {
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
