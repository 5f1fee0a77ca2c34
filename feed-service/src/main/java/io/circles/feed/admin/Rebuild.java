package io.circles.feed.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.circles.feed.timeline.Cards;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds every piece of feed state from the topics: empties the feed's Redis database, then rewinds each consumer
 * to the start of its partitions. Emptying first is what makes it safe: anything processed between the two steps is
 * processed again after the rewind, and every projection is idempotent. With several replicas, each rewinds only the
 * partitions it is assigned, so the call goes to every replica (or the offline procedure in docs/operations.md is used).
 */
@ApplicationScoped
public class Rebuild {

    private final ReactiveRedisDataSource redis;
    private final KafkaClientService kafka;
    private final Cards cards;

    Rebuild(ReactiveRedisDataSource redis, KafkaClientService kafka, Cards cards) {
        this.redis = redis;
        this.kafka = kafka;
        this.cards = cards;
    }

    /** Starts the rebuild and returns the channels rewound; the replay itself runs in the background. */
    public Uni<List<String>> start() {
        List<String> channels = new ArrayList<>(new TreeSet<>(kafka.getConsumerChannels()));
        return redis.execute("FLUSHDB").chain(() -> {
            cards.clear();
            List<Uni<Void>> rewinds = new ArrayList<>();
            for (String channel : channels) {
                for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                    rewinds.add(consumer.getAssignments().chain(consumer::seekToBeginning));
                }
            }
            return rewinds.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(rewinds).andFailFast()
                    .replaceWithVoid();
        }).replaceWith(channels);
    }
}
