package io.circles.feed.people;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.people.ProfileUpdated;
import io.circles.feed.membership.FeedKeys;
import io.circles.platform.consistency.AppliedOffsets;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps profiles ({@link Profiles}) and each person's blocks ({@code blocks:{u:<id>}}) in step with people events.
 * SET, SADD and SREM are idempotent and one person's events arrive in order (keyed by user id), so a redelivery
 * changes nothing and needs no dedupe record. Other types are skipped (tolerant reader). Each record's offset is
 * marked applied ({@link AppliedOffsets}), so a feed read right after its reader's block can wait for it.
 */
@ApplicationScoped
public class PeopleProjection {

    public static final String CHANNEL = "people-events";

    private final Profiles profiles;
    private final ReactiveSetCommands<String, String> sets;
    private final ObjectMapper json;
    private final AppliedOffsets offsets;

    PeopleProjection(Profiles profiles, ReactiveRedisDataSource redis, ObjectMapper json, AppliedOffsets offsets) {
        this.profiles = profiles;
        this.sets = redis.set(String.class);
        this.json = json;
        this.offsets = offsets;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return offsets.tracked(CHANNEL, record, () -> TransientFailures.retried(
                () -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record)));
    }

    Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case ProfileUpdated.TYPE -> profiles.save(event.dataAs(ProfileUpdated.class, json));
            case PersonBlocked.TYPE -> {
                PersonBlocked blocked = event.dataAs(PersonBlocked.class, json);
                yield sets.sadd(FeedKeys.blocks(blocked.blockerId()), blocked.blockedId()).replaceWithVoid();
            }
            case PersonUnblocked.TYPE -> {
                PersonUnblocked unblocked = event.dataAs(PersonUnblocked.class, json);
                yield sets.srem(FeedKeys.blocks(unblocked.blockerId()), unblocked.blockedId()).replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
