package io.circles.media;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every limit and period of uploads in one place, each with its reason. */
@ConfigMapping(prefix = "media")
public interface MediaConfig {

    /** Origin put in front of served paths ({@code https://circles.example.com}); absent = origin-relative URLs. */
    Optional<String> publicUrl();

    /** 15 minutes: long enough for a 200 MB video on a slow phone link, short enough that a leaked URL soon dies. */
    @WithDefault("15m")
    Duration uploadUrlTtl();

    /** Uploads per user per rolling day: far above what a person posts, low enough to stop a script filling the store. */
    @WithDefault("200")
    int dailyQuota();

    Lifecycle lifecycle();

    /** How long unused objects stay; the job removes them in batches, one replica at a time. */
    interface Lifecycle {

        @WithDefault("5m")
        Duration interval();

        /** An upload never completed: the client gave up (or never sent the bytes). */
        @WithDefault("24h")
        Duration pendingTtl();

        /** READY media no published post carries: uploaded for a post that was never sent. */
        @WithDefault("7d")
        Duration unattachedTtl();

        /** After the last post carrying it was removed: time for an appeal to restore the post. */
        @WithDefault("7d")
        Duration removedGrace();

        /** Rows handled per run, so one run holds its lock briefly. */
        @WithDefault("100")
        int batchSize();
    }
}
