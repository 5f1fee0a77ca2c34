package io.circles.merchant.content;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A product a merchant lists on its life account. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "merchant_id")
    public String merchantId;

    public String title;

    @Column(name = "price_cents")
    public long priceCents;

    public String currency;

    public int stock;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> images;

    /** The sourcing offer this product was adopted from, or null for a product the merchant listed itself. */
    @Column(name = "offer_id")
    public String offerId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
