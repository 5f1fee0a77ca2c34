package io.circles.merchant.content;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Media;
import io.circles.events.ProductCard;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.merchant.merchant.MerchantAccess;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.media.MediaItem;
import io.circles.platform.media.MediaRules;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishing, listing and removing merchant posts. */
@ApplicationScoped
public class PostService {

    private static final TypeReference<List<Media>> MEDIA_LIST = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final ObjectMapper json;
    private final PostProducts products;

    PostService(Outbox outbox, ObjectMapper json, PostProducts products) {
        this.outbox = outbox;
        this.json = json;
        this.products = products;
    }

    /** Publishes a post for an ACTIVE merchant the caller owns, and records merchant-post-published. */
    @WithTransaction
    public Uni<PostView> publish(String merchantId, String callerId, PublishPostRequest request) {
        MediaRules.checkPost(request.text(), request.media());
        List<Media> media = request.media() == null ? List.of()
                : request.media().stream().map(MediaItem::toMedia).toList();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, callerId, false)
                .flatMap(merchant -> {
                    MerchantAccess.requireActiveOwner(merchant, callerId);
                    MerchantPost post = new MerchantPost();
                    post.id = UUID.randomUUID().toString();
                    post.merchantId = merchantId;
                    post.authorId = callerId;
                    post.text = request.text();
                    post.media = write(media);
                    post.status = MerchantPost.PUBLISHED;
                    post.createdAt = now;
                    // flushed first: the product links reference the post row
                    return post.<MerchantPost>persistAndFlush()
                            .flatMap(saved -> products.attach(post.id, merchantId, request.productIds()))
                            .call(() -> countPosts(merchantId, 1))
                            .call(cards -> outbox.append(new MerchantPostPublished(post.id, merchantId, merchant.name,
                                    callerId, post.text, media, now, cards)))
                            .map(cards -> view(post, cards));
                });
    }

    /** The merchant's published posts, newest first. */
    @WithSession
    public Uni<Page<PostView>> list(String merchantId, String callerId, boolean admin, Cursor after, int limit) {
        return MerchantAccess.findVisible(merchantId, callerId, admin).flatMap(merchant -> {
            // status as a literal, so the planner can match the partial index (where status = 'PUBLISHED')
            String query = "merchantId = :merchantId and status = 'PUBLISHED'";
            Parameters params = Parameters.with("merchantId", merchantId);
            if (after != null) {
                // a row comparison, so PostgreSQL seeks the (created_at, id) index instead of filtering from the top
                query += " and (createdAt, id) < (:at, :id)";
                params.and("at", after.at()).and("id", after.id());
            }
            return MerchantPost.<MerchantPost>find(query + " order by createdAt desc, id desc", params)
                    .range(0, limit).list()
                    .flatMap(posts -> {
                        List<MerchantPost> shown = posts.subList(0, Math.min(limit, posts.size()));
                        MerchantPost last = posts.size() > limit ? shown.get(limit - 1) : null;
                        return products.cardsOf(shown.stream().map(post -> post.id).toList()).map(cards -> {
                            List<PostView> items = new ArrayList<>();
                            shown.forEach(post -> items.add(view(post, cards.getOrDefault(post.id, List.of()))));
                            return new Page<>(items,
                                    last == null ? null : new Cursor(last.createdAt, last.id).encode());
                        });
                    });
        });
    }

    /** Removes a post (owner or platform-admin); removing it again changes nothing and records nothing. */
    @WithTransaction
    public Uni<Void> remove(String merchantId, String postId, String callerId, boolean admin) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, callerId, admin)
                .flatMap(merchant -> {
                    if (!admin && !merchant.isOwnedBy(callerId)) {
                        throw ProblemException.forbidden("only the owner of merchant " + merchantId
                                + " may remove its posts");
                    }
                    return MerchantPost.<MerchantPost>findById(postId);
                })
                .flatMap(post -> {
                    if (post == null || !post.merchantId.equals(merchantId)) {
                        throw ProblemException.notFound("no post " + postId + " on merchant " + merchantId);
                    }
                    return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "update merchant_post set status = :removed, removed_at = :now"
                                    + " where id = :id and status = :published")
                            .setParameter("removed", MerchantPost.REMOVED)
                            .setParameter("now", now)
                            .setParameter("id", postId)
                            .setParameter("published", MerchantPost.PUBLISHED)
                            .executeUpdate());
                })
                .flatMap(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : countPosts(merchantId, -1)
                                .call(() -> outbox.append(new MerchantPostRemoved(postId, merchantId, callerId, now)))
                                .replaceWithVoid());
    }

    private static Uni<Integer> countPosts(String merchantId, int delta) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "update merchant set post_count = post_count + :delta where id = :id")
                .setParameter("delta", delta)
                .setParameter("id", merchantId)
                .executeUpdate());
    }

    private PostView view(MerchantPost post, List<ProductCard> cards) {
        try {
            return new PostView(post.id, post.merchantId, post.authorId, post.text,
                    json.readValue(post.media, MEDIA_LIST), post.createdAt, cards);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored media of post " + post.id + " is unreadable", e);
        }
    }

    private String write(List<Media> media) {
        try {
            return json.writeValueAsString(media);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize media", e);
        }
    }
}
