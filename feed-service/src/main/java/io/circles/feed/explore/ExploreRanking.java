package io.circles.feed.explore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.circles.feed.membership.FeedKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Explore's ranking, one for every reader of this replica: the newest {@code feed.explore.ranked} candidates of the
 * window with their filter data and counters (two Redis round trips on the {@code {x}} slot, four {@code HMGET}s of up
 * to a thousand fields), scored by {@link TrendScore} and sorted. It is rebuilt when a read finds it older than
 * {@code feed.explore.refresh} (1 s), by one load at a time that every read arriving meanwhile shares, so the cost of
 * ranking is paid about once a second per replica instead of once per page — a like still moves an item within
 * about a second. What depends on the reader or must hold at once (blocks, suspended merchants, hidden communities,
 * the city and interest asked for) is applied per read by {@link ExploreReader}, never cached here.
 */
@ApplicationScoped
public class ExploreRanking {

    private final Redis redis;
    private final ExploreStore store;
    private final ExploreConfig config;
    private final Clock clock;
    private volatile Ranking current;
    private Uni<Ranking> loading;

    ExploreRanking(Redis redis, ExploreStore store, ExploreConfig config) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** Every candidate of the window, most trending first (ties: newer first, then by id), at most a refresh old. */
    Uni<Ranking> ranking() {
        long now = clock.millis();
        Ranking known = current;
        if (known != null && now - known.at() < config.refresh().toMillis()) {
            return Uni.createFrom().item(known);
        }
        Context context = Vertx.currentContext();
        Uni<Ranking> shared = shared(now);
        // the load completes on the context of the read that started it: continue on this read's own
        return context == null ? shared : shared.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private synchronized Uni<Ranking> shared(long now) {
        if (loading == null) {
            loading = load(now)
                    .onItem().invoke(ranking -> current = ranking)
                    .onTermination().invoke(this::loaded)
                    .memoize().indefinitely();
        }
        return loading;
    }

    private synchronized void loaded() {
        loading = null;
    }

    private Uni<Ranking> load(long now) {
        long since = now - config.window().toMillis();
        Request newest = Request.cmd(Command.ZRANGE).arg(FeedKeys.EXPLORE_CANDIDATES).arg(now).arg(since)
                .arg("BYSCORE").arg("REV").arg("LIMIT").arg(0).arg(config.ranked());
        return redis.send(newest).chain(reply -> {
            List<String> ids = ExploreStore.strings(reply);
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new Ranking(now, List.of()));
            }
            return redis.batch(List.of(hmget(FeedKeys.EXPLORE_ITEMS, ids), hmget(FeedKeys.EXPLORE_LIKES, ids),
                            hmget(FeedKeys.EXPLORE_COMMENTS, ids), hmget(FeedKeys.EXPLORE_GOING, ids)))
                    .map(replies -> new Ranking(now, rank(ids, replies, now)));
        });
    }

    private List<Entry> rank(List<String> ids, List<Response> replies, long now) {
        Response items = replies.get(0);
        List<Entry> ranked = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Response stored = items.get(i);
            if (stored == null) {
                continue;
            }
            Candidate candidate = store.read(stored.toString());
            double score = TrendScore.of(count(replies.get(1), i), count(replies.get(2), i),
                    count(replies.get(3), i), now - candidate.published());
            ranked.add(new Entry(ids.get(i), candidate, score));
        }
        ranked.sort(Entry.ORDER);
        return List.copyOf(ranked);
    }

    private static Request hmget(String key, List<String> fields) {
        return ExploreStore.withArgs(Request.cmd(Command.HMGET).arg(key), fields);
    }

    private static long count(Response counters, int index) {
        Response value = counters.get(index);
        return value == null ? 0 : value.toLong();
    }

    /** The ranked candidates as of {@code at} (epoch milliseconds). */
    record Ranking(long at, List<Entry> entries) {
    }

    /** A candidate's place in the ranking. */
    record Entry(String id, Candidate candidate, double score) {

        static final Comparator<Entry> ORDER = Comparator.comparingDouble(Entry::score).reversed()
                .thenComparing(Comparator.comparingLong((Entry e) -> e.candidate().published()).reversed())
                .thenComparing(Entry::id, Comparator.reverseOrder());
    }
}
