package io.circles.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** The service's settings, each with its reason; values in application.properties. */
@ConfigMapping(prefix = "notifications")
public interface NotificationConfig {

    Retention retention();

    Grouping grouping();

    /** How much a user's inbox keeps: a phone shows the newest few dozen; older ones are noise and cost storage. */
    interface Retention {

        /** Newest notifications kept per user (1,000: far more than anyone scrolls, a bounded row count per user). */
        int maxPerUser();

        /** Nothing older is kept, nor written when an old event is replayed (90 days). */
        Duration maxAge();

        /** How often a replica runs the purge; only one replica at a time does the work. */
        Duration purgeInterval();
    }

    /** Likes of one post collapse into one unread notification. */
    interface Grouping {

        /** How many of the latest actors a grouped notification names (a client shows "A, B and 41 others"). */
        int actorsShown();
    }
}
