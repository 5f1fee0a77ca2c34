package io.circles.merchant.sourcing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.circles.merchant.content.ProductRules;
import io.circles.merchant.merchant.Merchant;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The sourcing catalogue: platform-admins add offers, merchant owners search them. Adoption is in ProductService. */
@ApplicationScoped
public class SourcingService {

    /** Adds an offer to the catalogue. */
    @WithTransaction
    public Uni<OfferView> create(CreateOfferRequest request) {
        List<String> images = request.images() == null ? List.of() : List.copyOf(request.images());
        List<Problem.FieldError> errors = new ArrayList<>();
        ProductRules.check(request.currency(), images, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
        SourcingOffer offer = new SourcingOffer();
        offer.id = UUID.randomUUID().toString();
        offer.title = request.title().strip();
        offer.category = request.category();
        offer.supplier = request.supplier().strip();
        offer.wholesalePriceCents = request.wholesalePriceCents();
        offer.currency = request.currency();
        offer.minOrder = request.minOrder();
        offer.images = images;
        offer.adoptionCount = 0;
        offer.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return offer.<SourcingOffer>persist().map(OfferView::of);
    }

    /**
     * Offers, newest first, by category and a fragment of the title or supplier. A substring match, so Chinese text
     * is found without word breaks ("咖啡" finds "云南咖啡豆 1kg").
     */
    @WithSession
    public Uni<Page<OfferView>> search(String category, String text, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (category != null && !category.isBlank()) {
            query.append(" and category = :category");
            params.and("category", category.strip().toLowerCase(Locale.ROOT));
        }
        if (text != null && !text.isBlank()) {
            query.append(" and (lower(title) like :text escape '\\' or lower(supplier) like :text escape '\\')");
            params.and("text", "%" + likeEscape(text.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (after != null) {
            query.append(" and (createdAt, id) < (:at, :id)");
            params.and("at", after.at()).and("id", after.id());
        }
        return SourcingOffer.<SourcingOffer>find(query + " order by createdAt desc, id desc", params)
                .range(0, limit).list()
                .map(offers -> {
                    List<SourcingOffer> shown = offers.subList(0, Math.min(limit, offers.size()));
                    SourcingOffer last = offers.size() > limit ? shown.get(limit - 1) : null;
                    return new Page<>(shown.stream().map(OfferView::of).toList(),
                            last == null ? null : new Cursor(last.createdAt, last.id).encode());
                });
    }

    /** Throws 403 unless the caller owns a merchant: the catalogue is for merchants, not shoppers. */
    @WithSession
    public Uni<Void> requireMerchantOwner(String callerId) {
        return Merchant.count("ownerId", callerId).invoke(owned -> {
            if (owned == 0) {
                throw ProblemException.forbidden("the sourcing catalogue is for merchant owners");
            }
        }).replaceWithVoid();
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
