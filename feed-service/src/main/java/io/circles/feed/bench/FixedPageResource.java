package io.circles.feed.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.circles.feed.FeedConfig;
import io.circles.feed.read.FeedPage;
import io.circles.feed.timeline.FeedItem;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The ceiling of the feed read benchmark: the same service answering a fixed 20-item page, built once, with no Redis
 * and no per-request work but the HTTP stack and the JSON serialisation of a {@link FeedPage}. It exists only for
 * {@code ./circles bench}: unless {@code feed.bench-page} is on (the {@code bench} profile turns it on) both routes
 * answer 404, as if absent.
 */
@Path("/bench/feed-page")
@Produces(MediaType.APPLICATION_JSON)
public class FixedPageResource {

    static final int ITEMS = 20;

    private final boolean enabled;
    private final Caller caller;
    private final FeedPage page;

    FixedPageResource(FeedConfig config, Caller caller) {
        this.enabled = config.benchPage();
        this.caller = caller;
        this.page = fixedPage();
    }

    /** The fixed page, no token: the ceiling. */
    @GET
    @NonBlocking
    public FeedPage page() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return page;
    }

    /** The fixed page behind the same bearer-token check as the feed: what token verification costs. */
    @GET
    @Path("/me")
    @Authenticated
    @NonBlocking
    public FeedPage authenticatedPage() {
        if (!enabled) {
            throw new NotFoundException();
        }
        caller.id();
        return page;
    }

    /** Twenty community posts shaped like the ones the benchmark loads, with a cursor like a real page's. */
    static FeedPage fixedPage() {
        String community = UUID.nameUUIDFromBytes("bench-community".getBytes()).toString();
        Instant newest = Instant.parse("2026-01-01T12:00:00Z");
        List<FeedItem> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            String id = UUID.nameUUIDFromBytes(("bench-post-" + i).getBytes()).toString();
            items.add(new FeedItem(id, FeedItem.COMMUNITY_POST, false, newest.minusSeconds(i), "bench-u" + i,
                    new FeedItem.CommunityRef(community, "Bench community"), null,
                    "Bench post " + i + ": pour-over at dawn, who is in?", List.of(), null, null));
        }
        return new FeedPage(List.copyOf(items), "MTc2NzI2ODc4MTAwMDpiZW5jaC1wb3N0LTE5");
    }
}
