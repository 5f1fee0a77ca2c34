package io.circles.feed.explore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.circles.feed.membership.FeedKeys;
import io.circles.feed.read.FeedPage;
import io.circles.feed.timeline.Cards;
import io.circles.feed.timeline.FeedItem;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads explore pages: the newest candidates of the window (up to {@code feed.explore.ranked}) with the hidden
 * communities in one pipeline (one slot) beside the reader's blocks and the suspended merchants, their filter data and
 * counters in a second, then ranked ({@link TrendScore}) and the page's cards read ({@link Cards}, mostly from this
 * replica). A candidate whose card is gone (removed, expired) is skipped and the next one served.
 */
@ApplicationScoped
public class ExploreReader {

    /** Extra cards read per page, so a few gone ones rarely cost a second round. */
    private static final int SLACK = 5;
    private static final int MAX_ROUNDS = 4;

    private final Redis redis;
    private final ReactiveSetCommands<String, String> sets;
    private final Cards cards;
    private final ExploreStore store;
    private final ExploreConfig config;
    private final Clock clock;

    ExploreReader(Redis redis, ReactiveRedisDataSource data, Cards cards, ExploreStore store, ExploreConfig config) {
        this.redis = redis;
        this.sets = data.set(String.class);
        this.cards = cards;
        this.store = store;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** A page of trending items for this reader, optionally of one city and/or interest (case-insensitive). */
    public Uni<FeedPage> page(String readerId, String city, String interest, int limit, ExploreCursor after) {
        long snapshot = after == null ? clock.millis() : after.snapshot();
        int offset = after == null ? 0 : after.offset();
        long since = snapshot - config.window().toMillis();
        List<Request> newest = List.of(
                Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_CANDIDATES).arg(snapshot).arg(since).arg("BYSCORE")
                        .arg("REV").arg("LIMIT").arg(0).arg(config.ranked()),
                Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(since).arg("+inf")
                        .arg("BYSCORE"));
        return Uni.combine().all().unis(redis.batch(newest), sets.smembers(FeedKeys.blocks(readerId)),
                        sets.smembers(FeedKeys.SUSPENDED_MERCHANTS)).asTuple()
                .chain(opened -> {
                    List<String> ids = ExploreStore.strings(opened.getItem1().get(0));
                    if (ids.isEmpty() || offset >= ids.size()) {
                        return Uni.createFrom().item(new FeedPage(List.of(), null));
                    }
                    Set<String> hidden = new HashSet<>(ExploreStore.strings(opened.getItem1().get(1)));
                    Set<String> blocked = opened.getItem2();
                    Set<String> suspended = opened.getItem3();
                    return redis.batch(List.of(hmget(FeedKeys.EXPLORE_ITEMS, ids),
                                    hmget(FeedKeys.EXPLORE_LIKES, ids), hmget(FeedKeys.EXPLORE_COMMENTS, ids),
                                    hmget(FeedKeys.EXPLORE_GOING, ids)))
                            .map(replies -> rank(ids, replies, snapshot,
                                    candidate -> !in(hidden, candidate.community())
                                            && !in(suspended, candidate.merchant())
                                            && !in(blocked, candidate.author())
                                            && candidate.matches(city, interest)))
                            .chain(ranked -> fill(ranked, offset, limit, snapshot, new ArrayList<>(), 0));
                });
    }

    private static boolean in(Set<String> set, String id) {
        return id != null && set.contains(id);
    }

    private static Request hmget(String key, List<String> fields) {
        Request request = Request.cmd(Command.HMGET).arg(key);
        for (String field : fields) {
            request.arg(field);
        }
        return request;
    }

    /** The candidates the filter keeps, most trending first (ties: newer first, then by id). */
    private List<String> rank(List<String> ids, List<Response> replies, long now,
            Predicate<Candidate> keep) {
        Response items = replies.get(0);
        List<Ranked> ranked = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Response stored = items.get(i);
            if (stored == null) {
                continue;
            }
            Candidate candidate = store.read(stored.toString());
            if (!keep.test(candidate)) {
                continue;
            }
            double score = TrendScore.of(count(replies.get(1), i), count(replies.get(2), i),
                    count(replies.get(3), i), now - candidate.published());
            ranked.add(new Ranked(ids.get(i), candidate.published(), score));
        }
        ranked.sort(Ranked.ORDER);
        return ranked.stream().map(Ranked::id).toList();
    }

    /** A candidate's place in the ranking. */
    record Ranked(String id, long published, double score) {

        static final Comparator<Ranked> ORDER = Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(Comparator.comparingLong(Ranked::published).reversed())
                .thenComparing(Ranked::id, Comparator.reverseOrder());
    }

    private static long count(Response counters, int index) {
        Response value = counters.get(index);
        return value == null ? 0 : value.toLong();
    }

    /** The cards of the ranked ids from {@code from} on, skipping those without one, until the page is full. */
    private Uni<FeedPage> fill(List<String> ranked, int from, int limit, long snapshot, List<FeedItem> found,
            int round) {
        if (from >= ranked.size()) {
            // past the end: a cursor whose items have since left, or an edited one
            return Uni.createFrom().item(new FeedPage(List.copyOf(found), null));
        }
        int to = Math.min(ranked.size(), from + limit - found.size() + SLACK);
        List<String> slice = ranked.subList(from, to);
        return cards.get(slice).chain(byId -> {
            int next = from;
            for (String id : slice) {
                if (found.size() == limit) {
                    break;
                }
                next++;
                FeedItem card = byId.get(id);
                if (card != null && (card.community() != null || card.merchant() != null)) {
                    found.add(card);
                }
            }
            if (found.size() < limit && next < ranked.size() && round + 1 < MAX_ROUNDS) {
                return fill(ranked, next, limit, snapshot, found, round + 1);
            }
            String cursor = next < ranked.size() ? new ExploreCursor(snapshot, next).encode() : null;
            return Uni.createFrom().item(new FeedPage(List.copyOf(found), cursor));
        });
    }
}
