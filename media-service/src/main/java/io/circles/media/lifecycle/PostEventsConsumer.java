package io.circles.media.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.content.ProductListed;
import io.circles.events.content.ProductUpdated;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from community posts, merchant posts and products which media they carry ({@link PostUsage}). Other types
 * are skipped (tolerant reader); work that fails while PostgreSQL cannot be reached is retried in place.
 */
@ApplicationScoped
public class PostEventsConsumer {

    static final String POSTS = "posts";
    static final String MERCHANT_CONTENT = "merchant-content";

    private final PostUsage usage;
    private final ObjectMapper json;

    PostEventsConsumer(PostUsage usage, ObjectMapper json) {
        this.usage = usage;
        this.json = json;
    }

    @Incoming(POSTS)
    public Uni<Void> consumePosts(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    @Incoming(MERCHANT_CONTENT)
    public Uni<Void> consumeMerchantContent(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    Uni<Void> apply(IncomingEvent event) {
        switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished post = event.dataAs(PostPublished.class, json);
                return usage.carries(post.postId(), PostUsage.urls(post.media()), post.publishedAt());
            }
            case PostUpdated.TYPE -> {
                PostUpdated post = event.dataAs(PostUpdated.class, json);
                return usage.carries(post.postId(), PostUsage.urls(post.media()), post.updatedAt());
            }
            case PostRemoved.TYPE -> {
                PostRemoved post = event.dataAs(PostRemoved.class, json);
                return usage.removed(post.postId(), post.removedAt());
            }
            case MerchantPostPublished.TYPE -> {
                MerchantPostPublished post = event.dataAs(MerchantPostPublished.class, json);
                return usage.carries(post.postId(), PostUsage.urls(post.media()), post.publishedAt());
            }
            case MerchantPostRemoved.TYPE -> {
                MerchantPostRemoved post = event.dataAs(MerchantPostRemoved.class, json);
                return usage.removed(post.postId(), post.removedAt());
            }
            case ProductListed.TYPE -> {
                ProductListed product = event.dataAs(ProductListed.class, json);
                return usage.carries(product.productId(), product.images(), product.listedAt());
            }
            case ProductUpdated.TYPE -> {
                ProductUpdated product = event.dataAs(ProductUpdated.class, json);
                return usage.carries(product.productId(), product.images(), product.updatedAt());
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }
}
