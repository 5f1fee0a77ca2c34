package io.circles.feed.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.MemberJoined;
import io.circles.platform.messaging.IncomingEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@code members:{c:<id>}} in step with membership events. SADD/SREM are idempotent, so a redelivered event
 * changes nothing and needs no dedupe record. Types this projection does not know are skipped (tolerant reader).
 */
@ApplicationScoped
public class MembershipProjection {

    static final String CHANNEL = "community-events";

    private final ReactiveSetCommands<String, String> sets;
    private final ObjectMapper json;

    MembershipProjection(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.sets = redis.set(String.class);
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> apply(IncomingEvent.from(record)));
    }

    Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case MemberJoined.TYPE -> {
                MemberJoined joined = event.dataAs(MemberJoined.class, json);
                yield sets.sadd(FeedKeys.members(joined.communityId()), joined.userId()).replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
