package io.circles.feed.live;

import java.util.ArrayList;
import java.util.List;

import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Timelines;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Items landing in a user's timeline, as they land. The fan-out publishes each new id on the user's Redis channel
 * from inside its write script, so every feed-service replica holding a stream for that user sees it; cancelling the
 * stream (client gone) unsubscribes.
 */
@ApplicationScoped
public class LiveFeed {

    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveValueCommands<String, String> values;
    private final Timelines timelines;
    private final ActiveUsers activeUsers;
    private final Communities communities;

    LiveFeed(ReactiveRedisDataSource redis, Timelines timelines, ActiveUsers activeUsers, Communities communities) {
        this.pubsub = redis.pubsub(String.class);
        this.values = redis.value(String.class);
        this.timelines = timelines;
        this.activeUsers = activeUsers;
        this.communities = communities;
    }

    /** The user's new items; connecting counts as a visit, so fan-out includes the user from now on. */
    public Multi<FeedItem> of(String userId) {
        return activeUsers.seen(userId)
                .chain(() -> Uni.combine().all().unis(communities.of(userId), communities.large()).asTuple())
                .onItem().transformToMulti(tuple -> {
                    List<String> channels = new ArrayList<>();
                    channels.add(FeedKeys.live(userId));
                    // Large communities are not fanned out: their items are announced on the community's channel.
                    for (String community : tuple.getItem1()) {
                        if (tuple.getItem2().contains(community)) {
                            channels.add(FeedKeys.liveCommunity(community));
                        }
                    }
                    return pubsub.subscribe(channels.toArray(String[]::new));
                })
                .onItem().transformToUniAndConcatenate(itemId -> values.get(FeedKeys.card(itemId)))
                .filter(stored -> stored != null)
                .map(timelines::read);
    }
}
