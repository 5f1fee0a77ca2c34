package io.circles.feed.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.circles.feed.FeedConfig;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.promotion.Promotions;
import io.circles.feed.promotion.SponsoredSlots;
import io.circles.feed.timeline.ActiveUsers;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.TimelineMember;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.problem.ProblemException;
import io.circles.platform.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads feeds: positions from one or more timelines after a cursor, merged, then the cards hydrated with one MGET.
 * Ids whose card is gone (removed, expired) or that the reader may no longer see (left the community, unfollowed)
 * are skipped and the next ones read, so pages stay full and the cursor stays exact.
 */
@ApplicationScoped
public class FeedReader {

    /** Extra positions read per round, so a few skipped ids rarely cost a second round. */
    private static final int SLACK = 5;
    private static final int MAX_ROUNDS = 4;
    private static final int MAX_TIES = 1000;

    /**
     * Opens the home feed on the user's slot: marks the visit ({@code seen}, as {@link ActiveUsers#seen} does), reads
     * the user's communities and follows and, for a first page ({@code ARGV[2]} newest positions wanted, 0 for a later
     * one) of a user who was not away (then the timeline is refilled first), the newest positions of their timeline.
     * Replies {@code [1 if they were active, communities, follows, positions]}.
     */
    private static final String OPEN_HOME = """
            local previous = redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'GET')
            local communities = redis.call('SMEMBERS', KEYS[2])
            local follows = redis.call('SMEMBERS', KEYS[3])
            if not previous then
                return {0, communities, follows, {}}
            end
            if ARGV[2] == '0' then
                return {1, communities, follows, {}}
            end
            return {1, communities, follows,
                redis.call('ZRANGE', KEYS[4], '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, ARGV[2], 'WITHSCORES')}""";
    private static final String OPEN_HOME_SHA = RedisScripts.sha1(OPEN_HOME);

    private final ReactiveRedisDataSource redis;
    private final Communities communities;
    private final Timelines timelines;
    private final Promotions promotions;
    private final ActiveUsers activeUsers;
    private final long activeWindowSeconds;

    FeedReader(ReactiveRedisDataSource redis, Communities communities, Timelines timelines, Promotions promotions,
            ActiveUsers activeUsers, FeedConfig config) {
        this.redis = redis;
        this.communities = communities;
        this.timelines = timelines;
        this.promotions = promotions;
        this.activeUsers = activeUsers;
        this.activeWindowSeconds = config.activeWindow().toSeconds();
    }

    /**
     * The caller's home timeline, merged with the recent timelines of their large communities, with sponsored items
     * in their slots (in addition to the {@code limit} organic items; the cursor only counts organic ones).
     */
    public Uni<FeedPage> home(String userId, int limit, Position after) {
        // One script call on the user's slot (every key of it is the user's) marks the visit and reads the user's
        // communities and follows and, for a first page (what every opening of the app reads), the newest positions
        // of the timeline; alongside it, the list of large communities. A user back after the active window has
        // their timeline refilled first and then read as any other page. Cards are the next round trip.
        int newest = after == null ? limit + 1 + SLACK : 0;
        Uni<Response> opened = openHome(userId, newest, true)
                .onFailure(RedisScripts::isNoScript).recoverWithUni(() -> openHome(userId, newest, false));
        return Uni.combine().all().unis(opened, communities.large()).asTuple().chain(tuple -> {
            Response reply = tuple.getItem1();
            Set<String> memberOf = strings(reply.get(1));
            Set<String> following = strings(reply.get(2));
            if (reply.get(0).toInteger() == 0) {
                return activeUsers.refill(userId).chain(() -> homePage(userId, memberOf, following,
                        tuple.getItem2(), limit, after, Map.of()));
            }
            Map<String, List<Position>> preloaded = newest == 0 ? Map.of()
                    : Map.of(FeedKeys.timeline(userId), positions(reply.get(3)));
            return homePage(userId, memberOf, following, tuple.getItem2(), limit, after, preloaded);
        });
    }

    private Uni<Response> openHome(String userId, int newest, boolean bySha) {
        return redis.execute(bySha ? "EVALSHA" : "EVAL", bySha ? OPEN_HOME_SHA : OPEN_HOME, "4",
                FeedKeys.seen(userId), FeedKeys.userCommunities(userId), FeedKeys.userFollows(userId),
                FeedKeys.timeline(userId), Long.toString(activeWindowSeconds), Integer.toString(newest));
    }

    private Uni<FeedPage> homePage(String userId, Set<String> memberOf, Set<String> following, Set<String> large,
            int limit, Position after, Map<String, List<Position>> preloaded) {
        List<String> sources = new ArrayList<>();
        sources.add(FeedKeys.timeline(userId));
        for (String community : memberOf) {
            if (large.contains(community)) {
                sources.add(FeedKeys.communityTimeline(community));
            }
        }
        Predicate<FeedItem> visible = card -> switch (card.kind()) {
            case FeedItem.COMMUNITY_POST, FeedItem.ACTIVITY ->
                    card.community() != null && memberOf.contains(card.community().id());
            case FeedItem.MERCHANT_POST -> card.merchant() != null && following.contains(card.merchant().id());
            default -> true;
        };
        return collect(sources, after, limit, visible, new ArrayList<>(), new ArrayList<>(), 0, preloaded)
                .chain(organic -> {
                    String pageKey = (after == null ? "top" : after.encode())
                            + (organic.items().isEmpty() ? "" : "|" + organic.items().get(0).id());
                    return promotions.serve(userId, memberOf, SponsoredSlots.slotsFor(organic.items().size()),
                                    pageKey)
                            .map(sponsored -> new FeedPage(SponsoredSlots.fill(organic.items(), sponsored),
                                    organic.nextCursor()));
                });
    }

    private static Set<String> strings(Response members) {
        Set<String> result = new HashSet<>();
        if (members != null) {
            for (Response member : members) {
                result.add(member.toString());
            }
        }
        return result;
    }

    /** A community's recent items; a private community only to its members. */
    public Uni<FeedPage> community(String communityId, String callerId, int limit, Position after) {
        return communities.meta(communityId).chain(meta -> {
            if (meta.isEmpty() || "true".equals(meta.get("archived"))) {
                throw ProblemException.notFound("community " + communityId + " not found");
            }
            Uni<Boolean> allowed = "PRIVATE".equals(meta.get("visibility"))
                    ? communities.isMember(communityId, callerId)
                    : Uni.createFrom().item(true);
            return allowed.chain(ok -> {
                if (!ok) {
                    throw ProblemException.forbidden("only members can read this community's feed");
                }
                return page(List.of(FeedKeys.communityTimeline(communityId)), after, limit, card -> true);
            });
        });
    }

    /** A merchant's recent posts; merchant content is public. */
    public Uni<FeedPage> merchant(String merchantId, int limit, Position after) {
        return page(List.of(FeedKeys.merchantTimeline(merchantId)), after, limit, card -> true);
    }

    Uni<FeedPage> page(List<String> sources, Position after, int limit, Predicate<FeedItem> visible) {
        return collect(sources, after, limit, visible, new ArrayList<>(), new ArrayList<>(), 0, Map.of());
    }

    /** {@code preloaded}: positions of some sources already read for the first round (never more than it reads). */
    private Uni<FeedPage> collect(List<String> sources, Position after, int limit, Predicate<FeedItem> visible,
            List<FeedItem> found, List<Position> foundAt, int round, Map<String, List<Position>> preloaded) {
        int wanted = limit + 1 - found.size() + SLACK;
        List<Uni<List<Position>>> reads = new ArrayList<>();
        for (String source : sources) {
            List<Position> known = round == 0 ? preloaded.get(source) : null;
            reads.add(known != null ? Uni.createFrom().item(known) : read(source, after, wanted));
        }
        return Uni.join().all(reads).andFailFast().chain(perSource -> {
            List<Position> positions = FeedMerge.firstOf(perSource, wanted);
            if (positions.isEmpty()) {
                return Uni.createFrom().item(finish(found, foundAt, limit, null));
            }
            String[] keys = positions.stream().map(FeedReader::cardKey).toArray(String[]::new);
            return timelines.cards(keys).chain(cards -> {
                Position last = after;
                for (Position position : positions) {
                    last = position;
                    String stored = cards.get(cardKey(position));
                    if (stored == null) {
                        continue;
                    }
                    FeedItem card = timelines.read(stored);
                    if (!visible.test(card)) {
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
                return collect(sources, last, limit, visible, found, foundAt, round + 1, Map.of());
            });
        });
    }

    /** Positions hold timeline members (what Redis orders by); cards are keyed by the item id. */
    private static String cardKey(Position position) {
        return FeedKeys.card(TimelineMember.itemId(position.id()));
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
