package io.circles.feed.explore;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much explore considers. */
@ConfigMapping(prefix = "feed.explore")
public interface ExploreConfig {

    /** How recent an item must be to trend: past a week, decay leaves little of even a popular item's score. */
    @WithDefault("P7D")
    Duration window();

    /** Candidates kept, newest first: about a week of a busy city's public posts; the rest are trimmed on write. */
    @WithDefault("10000")
    int candidates();

    /**
     * Candidates a page ranks (the newest ones): each page reads their counters, so this bounds what a read costs;
     * an older one outranks all of them only with many times their engagement ({@link TrendScore}).
     */
    @WithDefault("1000")
    int ranked();

    /**
     * How old the replica's shared ranking may be before a read rebuilds it ({@link ExploreRanking}): what a like
     * waits at most to move an item, and what spares every page the ranking's Redis reads and scoring.
     */
    @WithDefault("1s")
    Duration refresh();
}
