package io.circles.feed.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.feed.explore.ExploreCandidates;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Community posts into the feed, by two consumer groups of the same topic, so a post is readable as soon as it is
 * stored, however far behind the fan-out is. The cards group stores each post's card and its community timeline entry
 * and announces it on the community's live channel (a few Redis calls per post); the fan-out group writes its id into
 * every active member's inbox (a thousand inserts for a community of a thousand). Between the two, the community is
 * marked as fanning out ({@link FeedKeys#FANNING_OUT}) and home pages read-merge its timeline.
 */
@ApplicationScoped
public class PostProjection {

    /** Fan-out to members' inboxes (group {@code feed-service}). */
    static final String CHANNEL = "community-posts";
    /** Cards, community timelines and announcements (group {@code feed-service-cards}). */
    static final String CARDS_CHANNEL = "community-post-cards";

    /** Posts stored at once, at most: a burst of 200 posts/s needs a handful at a few ms each. */
    private static final int STORING = 32;
    /**
     * Posts fanned out at once, at most: each keeps its own batches in flight (enough for one post to keep Redis busy),
     * two overlap one post's setup (its card, its members) with the other's batches, and together their batches stay
     * well inside the Redis connection pool that page reads use too.
     */
    private static final int FANNING_OUT = 2;

    private final Communities communities;
    private final Timelines timelines;
    private final KeyedLanes storing = new KeyedLanes(STORING);
    private final KeyedLanes fanningOut = new KeyedLanes(FANNING_OUT);
    private final ObjectMapper json;
    private final ExploreCandidates explore;

    /** From a post's publishing to its card being readable (community timeline, home pages by merging). */
    private final Timer readable;
    /** From a post's publishing to its id being in every active member's inbox: the feed's freshness. */
    private final Timer fannedOut;

    PostProjection(Communities communities, Timelines timelines, ObjectMapper json, ExploreCandidates explore,
            MeterRegistry registry) {
        this.communities = communities;
        this.timelines = timelines;
        this.json = json;
        this.explore = explore;
        this.readable = delay(registry, "readable");
        this.fannedOut = delay(registry, "fanned_out");
    }

    /**
     * {@code circles_feed_post_delay_seconds{stage}}: the freshness SLO (docs/operations.md, "SLOs and alerts") counts
     * posts fanned out within 5 s, so 5 s is a bucket boundary. Measured against the post's {@code publishedAt}, so it
     * includes the outbox relay and Kafka; a rebuild, replaying old posts, records their age.
     */
    private static Timer delay(MeterRegistry registry, String stage) {
        return Timer.builder("circles.feed.post.delay")
                .description("Time from a post's publishing to this stage of its way into the feeds")
                .tag("stage", stage)
                .serviceLevelObjectives(Stream.of(250, 500, 1000, 2000, 5000, 10000, 30000, 60000)
                        .map(Duration::ofMillis).toArray(Duration[]::new))
                .register(registry);
    }

    private static void since(Timer timer, Instant publishedAt) {
        if (publishedAt != null) {
            timer.record(Duration.between(publishedAt, Instant.now()));
        }
    }

    /**
     * Posts stored concurrently (a few Redis round trips each; one at a time, a burst of posts would wait in line for
     * them), the events of one post in order. Each record is acknowledged when it is done and dead-lettered when it
     * fails, so the committed offset never passes a record not yet done (the connector commits up to the oldest
     * unacknowledged record).
     */
    @Incoming(CARDS_CHANNEL)
    public Uni<Void> store(Message<String> message) {
        return inLane(message, storing, (event, record) -> event.subject() == null ? record.key() : event.subject(),
                this::store);
    }

    /**
     * Posts of different communities fanned out at once (a post of a small community is a few batches: one at a time,
     * the next post waits for the last batch of the previous), one community's in order, as its fanning-out mark
     * needs. Acknowledged and dead-lettered per record, as {@link #store(Message)}.
     */
    @Incoming(CHANNEL)
    public Uni<Void> fanOut(Message<String> message) {
        return inLane(message, fanningOut, (event, record) -> record.key() == null ? event.subject() : record.key(),
                this::fanOut);
    }

    /**
     * Runs a record's work in its key's lane; a record that is no event (no CloudEvents headers) is dead-lettered, work
     * that fails while Redis cannot be reached is retried in place ({@link TransientFailures}).
     */
    @SuppressWarnings("unchecked")
    private static Uni<Void> inLane(Message<String> message, KeyedLanes lanes,
            BiFunction<IncomingEvent, ConsumerRecord<String, String>, String> key,
            BiFunction<IncomingEvent, Long, Uni<Void>> work) {
        ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("not a Kafka record: " + message));
        IncomingEvent event;
        try {
            event = IncomingEvent.from(record);
        } catch (RuntimeException e) {
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return lanes.submit(String.valueOf(key.apply(event, record)),
                () -> TransientFailures.retried(() -> work.apply(event, record.offset()),
                        IncomingEvent.describe(record)),
                failure -> {
                    if (failure == null) {
                        message.ack();
                    } else {
                        message.nack(failure);
                    }
                });
    }

    /** The post's card and community timeline entry, its edits and its removal from both; then explore's candidates. */
    public Uni<Void> store(IncomingEvent event, long offset) {
        Uni<Void> stored = switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished post = event.dataAs(PostPublished.class, json);
                FeedItem card = card(post);
                if (timelines.storesCommunityPostsAtOnce()) {
                    yield timelines.storeCommunityPost(card, post.communityId(), offset, post.communityName(),
                            post.visibility()).invoke(() -> since(readable, post.publishedAt()));
                }
                // On a cluster: the mark, the community's name and the card go at once: a post readable a round trip
                // or two sooner (a reader between the card and the mark finds it nowhere yet, as before it was stored).
                yield timelines.isRemoved(post.postId()).chain(removed -> removed
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(communities.fanningOut(post.communityId(), offset),
                                communities.noteFromPost(post.communityId(), post.communityName(), post.visibility()),
                                timelines.store(card, FeedKeys.communityTimeline(post.communityId()),
                                        FeedKeys.liveCommunity(post.communityId())))
                                .andFailFast().replaceWithVoid()
                                .invoke(() -> since(readable, post.publishedAt())));
            }
            case PostUpdated.TYPE -> {
                PostUpdated updated = event.dataAs(PostUpdated.class, json);
                yield timelines.rewrite(updated.postId(), card -> card.withText(updated.text(), updated.media()));
            }
            case PostRemoved.TYPE -> {
                PostRemoved removed = event.dataAs(PostRemoved.class, json);
                yield timelines.remove(removed.postId(), FeedKeys.communityTimeline(removed.communityId()), Set.of());
            }
            default -> Uni.createFrom().voidItem();
        };
        return stored.chain(() -> explore.apply(event));
    }

    /** The post's id in its members' inboxes, and out of their inboxes and timelines again when it is removed. */
    public Uni<Void> fanOut(IncomingEvent event, long offset) {
        return switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished post = event.dataAs(PostPublished.class, json);
                FeedItem card = card(post);
                // The community's timeline holds the post before its members are read (the cards group may not have
                // got there yet): a member who joins meanwhile gets it from this fan-out or from the join's backfill.
                yield timelines.isRemoved(post.postId())
                        .chain(removed -> removed
                                ? Uni.createFrom().voidItem()
                                : timelines.storeIfAbsent(card, FeedKeys.communityTimeline(post.communityId()),
                                                FeedKeys.liveCommunity(post.communityId()))
                                        .chain(() -> communities.fanOutTargets(post.communityId()))
                                        .chain(members -> timelines.fanOut(members, post.postId(), card.score()))
                                        .invoke(() -> since(fannedOut, post.publishedAt())))
                        .chain(() -> communities.fannedOut(post.communityId(), offset));
            }
            case PostRemoved.TYPE -> {
                // The whole removal again (tombstone, card, community timeline): idempotent, and whichever group
                // gets there first keeps a later replay of the publish from bringing the post back.
                PostRemoved removed = event.dataAs(PostRemoved.class, json);
                yield communities.members(removed.communityId()).chain(members -> timelines.remove(
                        removed.postId(), FeedKeys.communityTimeline(removed.communityId()), members));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private static FeedItem card(PostPublished post) {
        return new FeedItem(post.postId(), FeedItem.COMMUNITY_POST, false, post.publishedAt(),
                post.authorId(), new FeedItem.CommunityRef(post.communityId(), post.communityName()), null,
                post.text(), post.media(), null, null);
    }
}
