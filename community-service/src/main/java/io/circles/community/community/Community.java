package io.circles.community.community;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An interest community: a local group people join to meet around a shared interest. */
@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> interests;

    public String city;

    public double lat;

    public double lon;

    @Enumerated(EnumType.STRING)
    public Visibility visibility;

    @Column(name = "join_question")
    public String joinQuestion;

    @Column(name = "owner_id", updatable = false)
    public String ownerId;

    /**
     * Maintained with atomic SQL increments, never read-modify-write, so it stays exact under concurrent joins;
     * not updatable here so that an edit flushing this entity cannot write back a stale count.
     */
    @Column(name = "member_count", updatable = false)
    public int memberCount;

    /** Changed only by the conditional archive statement, never by flushing a possibly stale entity. */
    @Column(updatable = false)
    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
