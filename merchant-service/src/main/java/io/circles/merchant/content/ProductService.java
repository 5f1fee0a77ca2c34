package io.circles.merchant.content;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.circles.events.content.ProductListed;
import io.circles.events.content.ProductUpdated;
import io.circles.merchant.merchant.MerchantAccess;
import io.circles.merchant.sourcing.SourcingOffer;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Listing and editing a merchant's products. */
@ApplicationScoped
public class ProductService {

    private final Outbox outbox;

    ProductService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Lists a product for an ACTIVE merchant the caller owns, and records product-listed. */
    @WithTransaction
    public Uni<ProductView> list(String merchantId, String callerId, ListProductRequest request) {
        List<String> images = request.images() == null ? List.of() : List.copyOf(request.images());
        // Own or adopted, with the fields each needs: checked with the body (OwnOrAdopted).
        if (request.offerId() != null) {
            return adopt(merchantId, callerId, request);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        ProductRules.check(request.currency(), images, errors);
        fail(errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, callerId, false)
                .flatMap(merchant -> {
                    MerchantAccess.requireActiveOwner(merchant, callerId);
                    Product product = new Product();
                    product.id = UUID.randomUUID().toString();
                    product.merchantId = merchantId;
                    product.title = request.title().strip();
                    product.priceCents = request.priceCents();
                    product.currency = request.currency();
                    product.stock = request.stock();
                    product.images = images;
                    product.createdAt = now;
                    product.updatedAt = now;
                    return product.<Product>persist()
                            .call(() -> outbox.append(new ProductListed(product.id, merchantId, product.title,
                                    product.priceCents, product.currency, product.stock, product.images, now)))
                            .map(ProductView::of);
                });
    }

    // The product copies the offer: a later change to the offer never reaches the merchant's product or price.
    private Uni<ProductView> adopt(String merchantId, String callerId, ListProductRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, callerId, false)
                .flatMap(merchant -> {
                    MerchantAccess.requireActiveOwner(merchant, callerId);
                    return SourcingOffer.<SourcingOffer>findById(request.offerId());
                })
                .flatMap(offer -> {
                    if (offer == null) {
                        throw ProblemException.badRequest("offerId", "no sourcing offer " + request.offerId());
                    }
                    return Product.count("merchantId = ?1 and offerId = ?2", merchantId, offer.id)
                            .flatMap(adopted -> {
                                if (adopted > 0) {
                                    throw ProblemException.conflict("merchant " + merchantId
                                            + " already adopted offer " + offer.id);
                                }
                                Product product = new Product();
                                product.id = UUID.randomUUID().toString();
                                product.merchantId = merchantId;
                                product.title = offer.title;
                                product.priceCents = request.priceCents();
                                product.currency = offer.currency;
                                product.stock = request.stock();
                                product.images = List.copyOf(offer.images);
                                product.offerId = offer.id;
                                product.createdAt = now;
                                product.updatedAt = now;
                                return product.<Product>persist()
                                        .call(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                                "update sourcing_offer set adoption_count = adoption_count + 1"
                                                        + " where id = :id")
                                                .setParameter("id", offer.id)
                                                .executeUpdate()))
                                        .call(() -> outbox.append(new ProductListed(product.id, merchantId,
                                                product.title, product.priceCents, product.currency, product.stock,
                                                product.images, now)))
                                        .map(ProductView::of);
                            });
                });
    }

    /** Edits a product; the row is locked so concurrent stock changes apply one after another, none lost. */
    @WithTransaction
    public Uni<ProductView> update(String merchantId, String productId, String callerId,
            UpdateProductRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ProductRules.check(request.currency(), request.images(), errors);
        if (request.title() != null && request.title().isBlank()) {
            errors.add(new Problem.FieldError("title", "must not be blank"));
        }
        fail(errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, callerId, false)
                .flatMap(merchant -> {
                    MerchantAccess.requireActiveOwner(merchant, callerId);
                    return Product.<Product>findById(productId, LockModeType.PESSIMISTIC_WRITE);
                })
                .flatMap(product -> {
                    if (product == null || !product.merchantId.equals(merchantId)) {
                        throw ProblemException.notFound("no product " + productId + " on merchant " + merchantId);
                    }
                    boolean changed = apply(product, request);
                    if (!changed) {
                        return Uni.createFrom().item(ProductView.of(product));
                    }
                    product.updatedAt = now;
                    return outbox.append(new ProductUpdated(product.id, merchantId, product.title,
                            product.priceCents, product.currency, product.stock, product.images, now))
                            .map(ignored -> ProductView.of(product));
                });
    }

    /** The merchant's products, newest first. */
    @WithSession
    public Uni<Page<ProductView>> browse(String merchantId, String callerId, boolean admin, Cursor after, int limit) {
        return MerchantAccess.findVisible(merchantId, callerId, admin).flatMap(merchant -> {
            String query = "merchantId = :merchantId";
            Parameters params = Parameters.with("merchantId", merchantId);
            if (after != null) {
                // a row comparison, so PostgreSQL seeks the (created_at, id) index instead of filtering from the top
                query += " and (createdAt, id) < (:at, :id)";
                params.and("at", after.at()).and("id", after.id());
            }
            return Product.<Product>find(query + " order by createdAt desc, id desc", params)
                    .range(0, limit).list()
                    .map(products -> {
                        List<Product> shown = products.subList(0, Math.min(limit, products.size()));
                        List<ProductView> items = shown.stream().map(ProductView::of).toList();
                        Product last = products.size() > limit ? shown.get(limit - 1) : null;
                        return new Page<>(items, last == null ? null : new Cursor(last.createdAt, last.id).encode());
                    });
        });
    }

    private static boolean apply(Product product, UpdateProductRequest request) {
        boolean changed = false;
        if (request.title() != null && !request.title().strip().equals(product.title)) {
            product.title = request.title().strip();
            changed = true;
        }
        if (request.priceCents() != null && request.priceCents() != product.priceCents) {
            product.priceCents = request.priceCents();
            changed = true;
        }
        if (request.currency() != null && !request.currency().equals(product.currency)) {
            product.currency = request.currency();
            changed = true;
        }
        if (request.stock() != null && request.stock() != product.stock) {
            product.stock = request.stock();
            changed = true;
        }
        if (request.images() != null && !Objects.equals(request.images(), product.images)) {
            product.images = List.copyOf(request.images());
            changed = true;
        }
        return changed;
    }

    private static void fail(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
    }
}
