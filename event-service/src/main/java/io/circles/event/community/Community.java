package io.circles.event.community;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** This service's copy of a community, kept from community.events.v1. */
@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> interests;

    public String city;

    /** PUBLIC or PRIVATE. */
    public String visibility;

    /** ACTIVE or ARCHIVED. */
    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isPublic() {
        return "PUBLIC".equals(visibility);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
