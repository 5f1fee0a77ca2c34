package io.circles.merchant.sourcing;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A supplier's offer in the sourcing catalogue, which merchants adopt into their own products. */
@Entity
@Table(name = "sourcing_offer")
public class SourcingOffer extends PanacheEntityBase {

    @Id
    public String id;

    public String title;

    public String category;

    public String supplier;

    @Column(name = "wholesale_price_cents")
    public long wholesalePriceCents;

    public String currency;

    @Column(name = "min_order")
    public int minOrder;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> images;

    /** Merchants that adopted it: maintained with atomic SQL increments, never read-modify-write. */
    @Column(name = "adoption_count")
    public int adoptionCount;

    @Column(name = "created_at")
    public Instant createdAt;
}
