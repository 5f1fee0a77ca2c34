package io.circles.merchant.promotion;

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

/**
 * A merchant paying for a number of impressions of one of its posts; served counts against the budget and the starter
 * impressions together ({@link ImpressionBudget#allowance}).
 */
@Entity
@Table(name = "promotion")
public class Promotion extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "merchant_id")
    public String merchantId;

    @Column(name = "post_id")
    public String postId;

    /** The impressions the merchant set (and pays for). */
    public long budget;

    /** Free impressions on top of the budget: a new merchant's first promotion only ({@link PromotionConfig}). */
    @Column(name = "starter_impressions")
    public long starterImpressions;

    /** Only ever changed by the guarded SQL increment in {@link ImpressionLedger}, never through this entity. */
    public long served;

    @Enumerated(EnumType.STRING)
    public PromotionStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> interests;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> cities;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
