package io.circles.merchant.merchant;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A merchant's public profile. The licence number stays private to the owner and admins; {@code distanceKm} is set
 * only in a search near a point.
 */
public record MerchantView(
        String id,
        String name,
        String category,
        String city,
        OnboardMerchantRequest.Location location,
        MerchantStatus status,
        String ownerId,
        String licenseNumber,
        int followerCount,
        int postCount,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double distanceKm) {

    /** The same view after a status change made in SQL. */
    public MerchantView withStatus(MerchantStatus newStatus) {
        return new MerchantView(id, name, category, city, location, newStatus, ownerId, licenseNumber, followerCount,
                postCount, createdAt, distanceKm);
    }

    /** The same view with its distance from a searched point. */
    public MerchantView at(double km) {
        return new MerchantView(id, name, category, city, location, status, ownerId, licenseNumber, followerCount,
                postCount, createdAt, km);
    }

    public static MerchantView of(Merchant merchant, boolean privileged) {
        return new MerchantView(merchant.id, merchant.name, merchant.category, merchant.city,
                new OnboardMerchantRequest.Location(merchant.lat, merchant.lon), merchant.status, merchant.ownerId,
                privileged ? merchant.licenseNumber : null, merchant.followerCount, merchant.postCount,
                merchant.createdAt, null);
    }
}
