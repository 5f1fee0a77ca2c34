package io.circles.merchant.sourcing;

import java.time.Instant;
import java.util.List;

/** A sourcing offer as merchants see it, with how many merchants adopted it. */
public record OfferView(String id, String title, String category, String supplier, long wholesalePriceCents,
        String currency, int minOrder, List<String> images, int adoptionCount, Instant createdAt) {

    public static OfferView of(SourcingOffer offer) {
        return new OfferView(offer.id, offer.title, offer.category, offer.supplier, offer.wholesalePriceCents,
                offer.currency, offer.minOrder, offer.images, offer.adoptionCount, offer.createdAt);
    }
}
