package io.circles.feed.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Community posts into the feed: one card per post, its id fanned out to the members' timelines. */
@ApplicationScoped
public class PostProjection {

    static final String CHANNEL = "community-posts";

    private final Communities communities;
    private final Timelines timelines;
    private final ObjectMapper json;

    PostProjection(Communities communities, Timelines timelines, ObjectMapper json) {
        this.communities = communities;
        this.timelines = timelines;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> apply(IncomingEvent.from(record)));
    }

    Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case PostPublished.TYPE -> publish(event.dataAs(PostPublished.class, json));
            case PostUpdated.TYPE -> {
                PostUpdated updated = event.dataAs(PostUpdated.class, json);
                yield timelines.rewrite(updated.postId(), card -> card.withText(updated.text(), updated.media()));
            }
            case PostRemoved.TYPE -> {
                PostRemoved removed = event.dataAs(PostRemoved.class, json);
                yield communities.members(removed.communityId()).chain(members -> timelines.remove(
                        removed.postId(), FeedKeys.communityTimeline(removed.communityId()), members));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> publish(PostPublished post) {
        FeedItem card = new FeedItem(post.postId(), FeedItem.COMMUNITY_POST, false, post.publishedAt(),
                post.authorId(), new FeedItem.CommunityRef(post.communityId(), post.communityName()), null,
                post.text(), post.media(), null, null);
        return timelines.isRemoved(post.postId()).chain(removed -> removed
                ? Uni.createFrom().voidItem()
                : communities.noteFromPost(post.communityId(), post.communityName(), post.visibility())
                        .chain(() -> timelines.store(card, FeedKeys.communityTimeline(post.communityId()),
                                FeedKeys.liveCommunity(post.communityId())))
                        .chain(() -> communities.fanOutTargets(post.communityId()))
                        .chain(members -> timelines.fanOut(members, card.id(), card.score())));
    }
}
