package io.circles.merchant.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.circles.events.ProductCard;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The products a merchant post carries, as cards. A post names products; the cards are read from the products when a
 * post is read, so a product's new price or title shows on every post that carries it.
 */
@ApplicationScoped
public class PostProducts {

    /** As many products as a post has images: a grid of nine. */
    public static final int MAX_PER_POST = 9;

    private static final String CARDS = """
            select pp.post_id, p.id, p.title, p.price_cents, p.currency, p.images[1]
            from merchant_post_product pp join product p on p.id = pp.product_id
            where pp.post_id in (:posts)
            order by pp.post_id, pp.position""";

    /**
     * Links the products to a new post, in the order given (repeats dropped), and returns their cards. Any id that is
     * not a product of {@code merchantId} is a 400 on {@code productIds}: a post never shows another merchant's goods.
     */
    public Uni<List<ProductCard>> attach(String postId, String merchantId, List<String> productIds) {
        if (productIds == null || productIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(productIds));
        return Product.<Product>list("id in ?1 and merchantId = ?2", ids, merchantId).flatMap(found -> {
            Map<String, Product> byId = new HashMap<>();
            found.forEach(product -> byId.put(product.id, product));
            List<String> foreign = ids.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!foreign.isEmpty()) {
                throw ProblemException.badRequest("productIds", "not products of merchant " + merchantId + ": "
                        + String.join(", ", foreign.subList(0, Math.min(3, foreign.size()))));
            }
            List<ProductCard> cards = new ArrayList<>();
            Uni<Integer> inserts = Uni.createFrom().item(0);
            for (int i = 0; i < ids.size(); i++) {
                int position = i;
                String productId = ids.get(i);
                cards.add(card(byId.get(productId)));
                inserts = inserts.flatMap(ignored -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into merchant_post_product (post_id, product_id, position) values (:post, :product, :at)")
                        .setParameter("post", postId)
                        .setParameter("product", productId)
                        .setParameter("at", position)
                        .executeUpdate()));
            }
            return inserts.replaceWith(List.copyOf(cards));
        });
    }

    /** The current cards of each post, in the order the post names them; posts without products are absent. */
    public Uni<Map<String, List<ProductCard>>> cardsOf(Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> posts = new LinkedHashSet<>(postIds);
        return Panache.getSession().flatMap(session -> NativeSelect.of(session, CARDS, Object[].class)
                .setParameter("posts", posts)
                .getResultList())
                .map(rows -> {
                    Map<String, List<ProductCard>> byPost = new HashMap<>();
                    for (Object[] row : rows) {
                        byPost.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new ProductCard(
                                (String) row[1], (String) row[2], ((Number) row[3]).longValue(), (String) row[4],
                                (String) row[5]));
                    }
                    return byPost;
                });
    }

    static ProductCard card(Product product) {
        return new ProductCard(product.id, product.title, product.priceCents, product.currency,
                product.images == null || product.images.isEmpty() ? null : product.images.get(0));
    }
}
