package io.circles.feed.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.circles.feed.FeedConfig;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.membership.MembershipProjection;
import io.circles.feed.promotion.Promotions;
import io.circles.feed.promotion.SponsoredSlots;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.Cards;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.TimelineMember;
import io.circles.platform.consistency.ProjectionMiss;
import io.circles.platform.problem.ProblemException;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads feeds: positions from one or more timelines after a cursor, merged, then the cards hydrated ({@link Cards}).
 * Ids whose card is gone (removed, expired) or that the reader may no longer see (left the community, unfollowed)
 * are skipped and the next ones read, so pages stay full and the cursor stays exact.
 */
@ApplicationScoped
public class FeedReader {

    /** Extra positions read per round, so a few skipped ids rarely cost a second round. */
    private static final int SLACK = 5;
    private static final int MAX_ROUNDS = 4;
    private static final int MAX_TIES = 1000;

    private final ReactiveRedisDataSource redis;
    private final ReactiveSetCommands<String, String> sets;
    private final Redis pipeline;
    private final boolean cluster;
    private final Communities communities;
    private final Cards cards;
    private final Promotions promotions;
    private final ActiveUsers activeUsers;
    private final long activeWindowSeconds;

    FeedReader(@RedisClientName(FeedConfig.READS) ReactiveRedisDataSource redis,
            @RedisClientName(FeedConfig.READS) Redis pipeline, Communities communities, Cards cards,
            Promotions promotions, ActiveUsers activeUsers, FeedConfig config,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis;
        this.sets = redis.set(String.class);
        this.pipeline = pipeline;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.communities = communities;
        this.cards = cards;
        this.promotions = promotions;
        this.activeUsers = activeUsers;
        this.activeWindowSeconds = config.activeWindow().toSeconds();
    }

    /**
     * The caller's home timeline, merged with the recent timelines of their large communities and of those whose
     * newest posts are still being fanned out (so a post is readable once stored, not once fanned out), with
     * sponsored items in their slots (in addition to the {@code limit} organic items; the cursor only counts organic
     * ones).
     */
    public Uni<FeedPage> home(String userId, int limit, Position after) {
        // One pipelined batch: the user's commands (one slot: marks the visit, as ActiveUsers.seen does, and reads
        // their communities and follows and, for a first page, what every opening of the app reads, the newest
        // entries of their timeline and inbox) and the lists of large communities, of communities fanning out and of active
        // promotions (global and small; on a cluster, those go alongside the batch, as a batch must stay in one
        // slot). A user back after the active window has their timeline refilled first and then read as any other
        // page. Cards are the next round trip, and none for the cards this replica holds.
        int newest = after == null ? limit + 1 + SLACK : 0;
        List<Request> batch = new ArrayList<>(7);
        batch.add(Request.cmd(Command.SET).arg(FeedKeys.seen(userId)).arg("1").arg("EX").arg(activeWindowSeconds)
                .arg("GET"));
        batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.userCommunities(userId)));
        batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.userFollows(userId)));
        batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.blocks(userId)));
        if (newest > 0) {
            // Newest first, without scores: an entry's score is its card's publish time, so the cards give them
            // (Redis 6 formats every score it replies with: most of the time of a read with them).
            batch.add(Request.cmd(Command.ZRANGE).arg(FeedKeys.timeline(userId)).arg(0).arg(newest - 1).arg("REV"));
            batch.add(Request.cmd(Command.ZRANGE).arg(FeedKeys.inbox(userId)).arg(0).arg(newest - 1).arg("REV"));
        }
        Uni<Sources> opened;
        if (cluster) {
            opened = Uni.combine().all().unis(pipeline.batch(batch), communities.large(), communities.fanningOut(),
                            promotions.active(), suspendedMerchants())
                    .asTuple().map(t -> sources(t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(),
                            t.getItem5()));
        } else {
            int user = batch.size();
            batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.LARGE_COMMUNITIES));
            batch.add(Request.cmd(Command.ZRANGE).arg(FeedKeys.FANNING_OUT).arg(0).arg(-1));
            batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.ACTIVE_PROMOTIONS));
            batch.add(Request.cmd(Command.SMEMBERS).arg(FeedKeys.SUSPENDED_MERCHANTS));
            opened = pipeline.batch(batch).map(replies -> sources(replies.subList(0, user),
                    strings(replies.get(user)), strings(replies.get(user + 1)), strings(replies.get(user + 2)),
                    strings(replies.get(user + 3))));
        }
        return opened.chain(sources -> {
            if (!sources.wasActive()) {
                return activeUsers.refill(userId).chain(() -> homePage(userId, sources, limit, after, null));
            }
            return homePage(userId, sources, limit, after, sources.newest());
        });
    }

    private static Sources sources(List<Response> user, Set<String> large, Set<String> fanningOut,
            Set<String> promotions, Set<String> suspended) {
        return new Sources(user.get(0) != null, strings(user.get(1)), strings(user.get(2)), strings(user.get(3)),
                large, fanningOut, promotions, suspended,
                user.size() > 4 ? List.of(entries(user.get(4)), entries(user.get(5))) : null);
    }

    /** The merchants whose items and promotions no feed serves while they are suspended. */
    private Uni<Set<String>> suspendedMerchants() {
        return redis.set(String.class).smembers(FeedKeys.SUSPENDED_MERCHANTS);
    }

    /**
     * What a home page is read from: whether the user was active (seen within the window), their communities,
     * follows and the people they block, large communities, communities whose latest posts are not fanned out yet,
     * active promotions, suspended merchants and, for a first page, the newest entries of their timeline and of their
     * inbox.
     */
    private record Sources(boolean wasActive, Set<String> memberOf, Set<String> following, Set<String> blocked,
            Set<String> large, Set<String> fanningOut, Set<String> promotions, Set<String> suspendedMerchants,
            List<List<String>> newest) {

        /** Whether a community's own timeline is merged into the page: its items are not (all) in the user's. */
        boolean readMerged(String community) {
            return large.contains(community) || fanningOut.contains(community);
        }
    }

    /** {@code newest}: the newest entries of the user's timeline and inbox, for a first page; else null. */
    private Uni<FeedPage> homePage(String userId, Sources from, int limit, Position after,
            List<List<String>> newest) {
        List<String> sources = new ArrayList<>();
        sources.add(FeedKeys.timeline(userId));
        sources.add(FeedKeys.inbox(userId));
        for (String community : from.memberOf()) {
            if (from.readMerged(community)) {
                sources.add(FeedKeys.communityTimeline(community));
            }
        }
        Predicate<FeedItem> followed = card -> card.merchant() != null
                && from.following().contains(card.merchant().id())
                && !from.suspendedMerchants().contains(card.merchant().id())
                && !from.blocked().contains(card.author());
        Predicate<FeedItem> visible = card -> switch (card.kind()) {
            // a merchant's activity has no community: it reaches followers, as the merchant's posts do
            case FeedItem.ACTIVITY -> card.community() == null ? followed.test(card)
                    : from.memberOf().contains(card.community().id()) && !from.blocked().contains(card.author());
            case FeedItem.COMMUNITY_POST ->
                    card.community() != null && from.memberOf().contains(card.community().id())
                            && !from.blocked().contains(card.author());
            case FeedItem.MERCHANT_POST -> followed.test(card);
            default -> true;
        };
        // The newest entries alone make a first page when the timeline and the inbox are its only sources (no
        // community's timeline to merge with) and enough of them are still visible; else the page is read as any
        // other.
        Uni<FeedPage> read = newest != null && sources.size() == 2
                ? firstPage(sources, newest, limit, visible)
                : page(sources, after, limit, visible);
        return read.chain(organic -> {
                    String pageKey = (after == null ? "top" : after.encode())
                            + (organic.items().isEmpty() ? "" : "|" + organic.items().get(0).id());
                    return promotions.serve(userId, from.memberOf(), from.promotions(), from.suspendedMerchants(),
                                    SponsoredSlots.slotsFor(organic.items().size()), pageKey)
                            .map(sponsored -> new FeedPage(SponsoredSlots.fill(organic.items(), sponsored),
                                    organic.nextCursor()));
                });
    }

    private static Set<String> strings(Response members) {
        return new HashSet<>(entries(members));
    }

    private static List<String> entries(Response members) {
        List<String> result = new ArrayList<>();
        if (members != null) {
            for (Response member : members) {
                result.add(member.toString());
            }
        }
        return result;
    }

    /** A community's recent items, but for those of people the caller blocks; a private community only to members. */
    public Uni<FeedPage> community(String communityId, String callerId, int limit, Position after) {
        Uni<Set<String>> blocked = sets.smembers(FeedKeys.blocks(callerId));
        return Uni.combine().all().unis(communities.meta(communityId), blocked).asTuple().chain(both -> {
            Map<String, String> meta = both.getItem1();
            Set<String> hidden = both.getItem2();
            if (meta.isEmpty() || "true".equals(meta.get("archived"))) {
                throw new ProjectionMiss(MembershipProjection.CHANNEL, communityId,
                        ProblemException.notFound("community " + communityId + " not found"));
            }
            Uni<Boolean> allowed = "PRIVATE".equals(meta.get("visibility"))
                    ? communities.isMember(communityId, callerId)
                    : Uni.createFrom().item(true);
            return allowed.chain(ok -> {
                if (!ok) {
                    throw new ProjectionMiss(MembershipProjection.CHANNEL, communityId,
                            ProblemException.forbidden("only members can read this community's feed"));
                }
                return page(List.of(FeedKeys.communityTimeline(communityId)), after, limit,
                        card -> !hidden.contains(card.author()));
            });
        });
    }

    /** A merchant's recent posts; merchant content is public, but a suspended merchant's is nobody's (404). */
    public Uni<FeedPage> merchant(String merchantId, int limit, Position after) {
        return redis.set(String.class).sismember(FeedKeys.SUSPENDED_MERCHANTS, merchantId).chain(suspended -> {
            if (suspended) {
                throw ProblemException.notFound("merchant " + merchantId + " not found");
            }
            return page(List.of(FeedKeys.merchantTimeline(merchantId)), after, limit, card -> true);
        });
    }

    Uni<FeedPage> page(List<String> sources, Position after, int limit, Predicate<FeedItem> visible) {
        return collect(sources, after, limit, visible, new ArrayList<>(), new ArrayList<>(), 0);
    }

    /**
     * A first page from the newest entries of the timeline and the inbox (newest first, as many of each as a first
     * round reads), each entry's position scored by its card's publish time (the score it was written with), merged.
     * A source that had more entries than were read holds only older ones: the merge is exact down to the oldest
     * entry read of such a source (its horizon). Falls back to reading the page with scores when the entries before
     * the horizon do not fill it (many gone or hidden).
     */
    private Uni<FeedPage> firstPage(List<String> sources, List<List<String>> newestBySource, int limit,
            Predicate<FeedItem> visible) {
        Set<String> ids = new LinkedHashSet<>();
        for (List<String> entries : newestBySource) {
            for (String entry : entries) {
                ids.add(TimelineMember.itemId(entry));
            }
        }
        int read = limit + 1 + SLACK;
        return cards.get(ids).chain(byId -> {
            TreeMap<Position, FeedItem> merged = new TreeMap<>(Position.FEED_ORDER);
            Position horizon = null;
            for (List<String> entries : newestBySource) {
                Position last = null;
                for (String entry : entries) {
                    FeedItem card = byId.get(TimelineMember.itemId(entry));
                    if (card != null) {
                        last = new Position((long) card.score(), entry);
                        merged.put(last, card);
                    }
                }
                if (entries.size() >= read) {
                    if (last == null) {
                        return page(sources, null, limit, visible);
                    }
                    if (horizon == null || Position.FEED_ORDER.compare(last, horizon) < 0) {
                        horizon = last;
                    }
                }
            }
            List<FeedItem> found = new ArrayList<>();
            List<Position> foundAt = new ArrayList<>();
            for (Map.Entry<Position, FeedItem> entry : merged.entrySet()) {
                if (horizon != null && Position.FEED_ORDER.compare(entry.getKey(), horizon) > 0) {
                    break;
                }
                if (!visible.test(entry.getValue())) {
                    continue;
                }
                found.add(entry.getValue());
                foundAt.add(entry.getKey());
                if (found.size() == limit + 1) {
                    return Uni.createFrom().item(finish(found, foundAt, limit, null));
                }
            }
            return horizon == null
                    ? Uni.createFrom().item(finish(found, foundAt, limit, null))
                    : page(sources, null, limit, visible);
        });
    }

    private Uni<FeedPage> collect(List<String> sources, Position after, int limit, Predicate<FeedItem> visible,
            List<FeedItem> found, List<Position> foundAt, int round) {
        int wanted = limit + 1 - found.size() + SLACK;
        List<Uni<List<Position>>> reads = new ArrayList<>();
        for (String source : sources) {
            reads.add(read(source, after, wanted));
        }
        return Uni.join().all(reads).andFailFast().chain(perSource -> {
            List<Position> positions = FeedMerge.firstOf(perSource, wanted);
            if (positions.isEmpty()) {
                return Uni.createFrom().item(finish(found, foundAt, limit, null));
            }
            List<String> ids = positions.stream().map(position -> TimelineMember.itemId(position.id())).toList();
            return cards.get(ids).chain(byId -> {
                Position last = after;
                for (Position position : positions) {
                    last = position;
                    FeedItem card = byId.get(TimelineMember.itemId(position.id()));
                    if (card == null || !visible.test(card)) {
                        continue;
                    }
                    found.add(card);
                    foundAt.add(position);
                    if (found.size() == limit + 1) {
                        return Uni.createFrom().item(finish(found, foundAt, limit, null));
                    }
                }
                if (positions.size() < wanted) {
                    return Uni.createFrom().item(finish(found, foundAt, limit, null));
                }
                if (round + 1 >= MAX_ROUNDS) {
                    return Uni.createFrom().item(finish(found, foundAt, limit, last));
                }
                return collect(sources, last, limit, visible, found, foundAt, round + 1);
            });
        });
    }

    private static FeedPage finish(List<FeedItem> found, List<Position> foundAt, int limit, Position resumeAt) {
        if (found.size() > limit) {
            return new FeedPage(List.copyOf(found.subList(0, limit)), foundAt.get(limit - 1).encode());
        }
        return new FeedPage(List.copyOf(found), resumeAt == null ? null : resumeAt.encode());
    }

    /** The first {@code n} positions of a timeline after a cursor: same-score ties by id, then strictly older. */
    private Uni<List<Position>> read(String key, Position after, int n) {
        if (after == null) {
            return newestFirst(key, "+inf", "-inf", n);
        }
        String score = Long.toString(after.score());
        Uni<List<Position>> ties = newestFirst(key, score, score, MAX_TIES);
        Uni<List<Position>> older = newestFirst(key, "(" + score, "-inf", n);
        return Uni.combine().all().unis(ties, older).asTuple().map(tuple -> {
            List<Position> result = new ArrayList<>();
            tuple.getItem1().stream().filter(p -> p.isAfter(after)).sorted(Position.FEED_ORDER)
                    .forEach(result::add);
            result.addAll(tuple.getItem2());
            return result.size() > n ? result.subList(0, n) : result;
        });
    }

    // Raw ZRANGE: the typed client reorders bounded BYSCORE ranges in a way that does not suit REV.
    private Uni<List<Position>> newestFirst(String key, String max, String min, int n) {
        return redis.execute("ZRANGE", key, max, min, "BYSCORE", "REV", "LIMIT", "0", Integer.toString(n),
                "WITHSCORES").map(FeedReader::positions);
    }

    private static List<Position> positions(Response response) {
        List<Position> result = new ArrayList<>();
        if (response == null) {
            return result;
        }
        for (int i = 0; i < response.size(); i++) {
            Response entry = response.get(i);
            if (entry.type() == ResponseType.MULTI) {
                // RESP3: [member, score] pairs
                result.add(new Position(entry.get(1).toDouble().longValue(), entry.get(0).toString()));
            } else {
                // RESP2: member, score, member, score, ...
                result.add(new Position(response.get(i + 1).toDouble().longValue(), entry.toString()));
                i++;
            }
        }
        result.sort(Position.FEED_ORDER);
        return result;
    }
}
