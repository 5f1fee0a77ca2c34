package io.circles.feed;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sizes and thresholds of the feed. */
@ConfigMapping(prefix = "feed")
public interface FeedConfig {

    /**
     * The Redis client of the HTTP read path ({@code quarkus.redis.reads.*}): page reads wait for its connections,
     * never for those the projections and the fan-out write with (the default client), so overloaded reads cannot
     * starve the event pipeline.
     */
    String READS = "reads";

    /** Above this member count a community is read-merged instead of fanned out (one post ≠ 10,000 writes). */
    @WithDefault("10000")
    int largeCommunityThreshold();

    /** Entries kept per home timeline: about 40 pages, and small enough to stay in the compact ZSET encoding. */
    @WithDefault("800")
    int timelineSize();

    /** Entries kept per community/merchant timeline, the source of backfill and of read-merging. */
    @WithDefault("500")
    int sourceTimelineSize();

    /** Items copied into a timeline on join/follow. */
    @WithDefault("200")
    int backfillSize();

    /** Lifetime of a card; timelines hold ids whose cards may expire and are then skipped on read. */
    @WithDefault("P30D")
    Duration cardTtl();

    /** Users not seen for this long are skipped by fan-out; their timeline is refilled on their next visit. */
    @WithDefault("P30D")
    Duration activeWindow();

    /** Members written concurrently during a fan-out. */
    @WithDefault("256")
    int fanOutBatch();

    /**
     * Entries a user's inbox holds before the fan-out merges it into the timeline: an insert into the small inbox
     * costs a fraction of one into the full timeline, the merge is one pass over both.
     */
    @WithDefault("64")
    int inboxSize();

    /** Cards kept parsed per replica, by item id (0: none, every read goes to Redis); see {@code Cards}. */
    @WithDefault("16384")
    int cardCacheSize();

    /** The longest a replica keeps a card it has not heard change: a bound should a change announcement be lost. */
    @WithDefault("PT5M")
    Duration cardCacheMaxAge();

    /** Author profiles kept per replica, by user id (0: none, each page reads them from Redis); see {@code Profiles}. */
    @WithDefault("16384")
    int profileCacheSize();

    /**
     * How long a replica shows a name it read before reading it again: how soon a rename shows on every card. Two
     * seconds is "at once" to people, and a busy author's profile is still read from Redis only every two seconds.
     */
    @WithDefault("PT2S")
    Duration profileCacheMaxAge();

    /** Serves {@code /bench/feed-page}, the fixed page the feed read benchmark is compared with: {@code bench} only. */
    @WithDefault("false")
    boolean benchPage();
}
