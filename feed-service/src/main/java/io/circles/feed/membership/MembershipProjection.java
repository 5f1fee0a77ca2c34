package io.circles.feed.membership;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.feed.explore.ExploreCandidates;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.consistency.AppliedOffsets;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps community metadata, {@code members:{c:<id>}} and {@code ucs:{u:<id>}} in step with community events, and
 * backfills/unlinks a user's timeline on join and leave/ban. SADD/SREM/HSET are idempotent, so a redelivered event
 * changes nothing and needs no dedupe record. Types this projection does not know are skipped (tolerant reader). Each
 * record's offset is marked applied afterwards ({@link AppliedOffsets}): the private community feed waits for a
 * reader's own join or approval through it.
 */
@ApplicationScoped
public class MembershipProjection {

    public static final String CHANNEL = "community-events";

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Communities communities;
    private final Timelines timelines;
    private final ActiveUsers activeUsers;
    private final ObjectMapper json;
    private final AppliedOffsets offsets;
    private final ExploreCandidates explore;

    MembershipProjection(ReactiveRedisDataSource redis, Communities communities, Timelines timelines,
            ActiveUsers activeUsers, ObjectMapper json, AppliedOffsets offsets, ExploreCandidates explore) {
        this.explore = explore;
        this.offsets = offsets;
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.communities = communities;
        this.timelines = timelines;
        this.activeUsers = activeUsers;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return offsets.tracked(CHANNEL, record,
                () -> TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record)));
    }

    Uni<Void> apply(IncomingEvent event) {
        Uni<Void> applied = switch (event.type()) {
            case CommunityCreated.TYPE -> {
                CommunityCreated created = event.dataAs(CommunityCreated.class, json);
                yield describe(created.communityId(), created.name(), created.visibility(), created.interests(),
                        created.city());
            }
            case CommunityUpdated.TYPE -> {
                CommunityUpdated updated = event.dataAs(CommunityUpdated.class, json);
                yield describe(updated.communityId(), updated.name(), updated.visibility(), updated.interests(),
                        updated.city());
            }
            case CommunityArchived.TYPE -> {
                CommunityArchived archived = event.dataAs(CommunityArchived.class, json);
                yield hashes.hset(FeedKeys.communityMeta(archived.communityId()), "archived", "true")
                        .replaceWithVoid();
            }
            case MemberJoined.TYPE -> {
                MemberJoined joined = event.dataAs(MemberJoined.class, json);
                yield join(joined.communityId(), joined.userId());
            }
            case MemberLeft.TYPE -> {
                MemberLeft left = event.dataAs(MemberLeft.class, json);
                yield leave(left.communityId(), left.userId());
            }
            case MemberBanned.TYPE -> {
                MemberBanned banned = event.dataAs(MemberBanned.class, json);
                yield leave(banned.communityId(), banned.userId());
            }
            default -> Uni.createFrom().voidItem();
        };
        return applied.chain(() -> explore.apply(event));
    }

    private Uni<Void> describe(String communityId, String name, String visibility, List<String> interests,
            String city) {
        return hashes.hset(FeedKeys.communityMeta(communityId), Map.of(
                "name", name == null ? "" : name,
                "visibility", visibility == null ? "PUBLIC" : visibility,
                "interests", interests == null ? "" : String.join(",", interests),
                "city", city == null ? "" : city)).replaceWithVoid();
    }

    // Both sides of the membership are written (together, with the large-community check) before the community
    // timeline is read, and a post writes the community timeline before reading members: whichever event comes first,
    // the post ends up in the new member's timeline. The events of a partition are applied one after another, so
    // each round trip saved here is throughput of the whole consumer.
    private Uni<Void> join(String communityId, String userId) {
        return Uni.combine().all().unis(sets.sadd(FeedKeys.members(communityId), userId),
                        sets.sadd(FeedKeys.userCommunities(userId), communityId), communities.isLarge(communityId))
                .asTuple()
                .chain(written -> written.getItem3()
                        ? Uni.createFrom().voidItem()
                        : activeUsers.backfillIfActive(userId, FeedKeys.communityTimeline(communityId)));
    }

    private Uni<Void> leave(String communityId, String userId) {
        return Uni.combine().all().unis(sets.srem(FeedKeys.members(communityId), userId),
                        sets.srem(FeedKeys.userCommunities(userId), communityId))
                .discardItems()
                .chain(() -> timelines.unlink(userId, FeedKeys.communityTimeline(communityId)));
    }
}
