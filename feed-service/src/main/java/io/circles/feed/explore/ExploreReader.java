package io.circles.feed.explore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.circles.feed.FeedConfig;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.read.FeedPage;
import io.circles.feed.timeline.Cards;
import io.circles.feed.timeline.FeedItem;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads explore pages: the replica's shared ranking ({@link ExploreRanking}, at most {@code feed.explore.refresh} old)
 * filtered for this read — the window of the page's snapshot, the city and interest asked for, and, read fresh for
 * every page so they hold at once, the communities hidden since, the suspended merchants and the reader's blocks —
 * then the page's cards ({@link Cards}, mostly from this replica). A candidate whose card is gone (removed, expired)
 * is skipped and the next one served.
 */
@ApplicationScoped
public class ExploreReader {

    /** Extra cards read per page, so a few gone ones rarely cost a second round. */
    private static final int SLACK = 5;
    private static final int MAX_ROUNDS = 4;

    private final Redis redis;
    private final ReactiveSetCommands<String, String> sets;
    private final Cards cards;
    private final ExploreRanking ranking;
    private final ExploreConfig config;
    private final Clock clock;

    ExploreReader(@RedisClientName(FeedConfig.READS) Redis redis,
            @RedisClientName(FeedConfig.READS) ReactiveRedisDataSource data, Cards cards, ExploreRanking ranking,
            ExploreConfig config) {
        this.redis = redis;
        this.sets = data.set(String.class);
        this.cards = cards;
        this.ranking = ranking;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** A page of trending items for this reader, optionally of one city and/or interest (case-insensitive). */
    public Uni<FeedPage> page(String readerId, String city, String interest, int limit, ExploreCursor after) {
        long snapshot = after == null ? clock.millis() : after.snapshot();
        int offset = after == null ? 0 : after.offset();
        long since = snapshot - config.window().toMillis();
        Request hiddenSince = Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_HIDDEN_COMMUNITIES).arg(since)
                .arg("+inf").arg("BYSCORE");
        return Uni.combine().all().unis(ranking.ranking(), redis.send(hiddenSince),
                        sets.smembers(FeedKeys.blocks(readerId)), sets.smembers(FeedKeys.SUSPENDED_MERCHANTS))
                .asTuple()
                .chain(opened -> {
                    Set<String> hidden = new HashSet<>(ExploreStore.strings(opened.getItem2()));
                    Set<String> blocked = opened.getItem3();
                    Set<String> suspended = opened.getItem4();
                    List<String> ranked = new ArrayList<>();
                    for (ExploreRanking.Entry entry : opened.getItem1().entries()) {
                        Candidate candidate = entry.candidate();
                        if (candidate.published() > snapshot || candidate.published() < since
                                || in(hidden, candidate.community()) || in(suspended, candidate.merchant())
                                || in(blocked, candidate.author()) || !candidate.matches(city, interest)) {
                            continue;
                        }
                        ranked.add(entry.id());
                    }
                    if (offset >= ranked.size()) {
                        return Uni.createFrom().item(new FeedPage(List.of(), null));
                    }
                    return fill(ranked, offset, limit, snapshot, new ArrayList<>(), 0);
                });
    }

    private static boolean in(Set<String> set, String id) {
        return id != null && set.contains(id);
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
