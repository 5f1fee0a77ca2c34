package io.circles.feed.read;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.events.Topics;
import io.circles.feed.explore.ExploreCursor;
import io.circles.feed.explore.ExploreReader;
import io.circles.feed.live.LiveFeed;
import io.circles.feed.people.PeopleProjection;
import io.circles.feed.people.Profiles;
import io.circles.feed.promotion.Promotions;
import io.circles.feed.timeline.FeedItem;
import io.circles.platform.consistency.ReadYourWrites;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The feeds. There is no user id in any path: the home timeline is always the token's user's. */
@Tag(name = "Feeds", description = "Home timeline, live stream, community, merchant and explore feeds.")
@Path("/api/feeds")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_FILTER = 100;

    private final Caller caller;
    private final FeedReader reader;
    private final LiveFeed live;
    private final ReadYourWrites readYourWrites;
    private final Profiles profiles;
    private final Promotions promotions;
    private final ExploreReader explore;

    FeedResource(Caller caller, FeedReader reader, LiveFeed live, ReadYourWrites readYourWrites, Profiles profiles,
            Promotions promotions, ExploreReader explore) {
        this.caller = caller;
        this.reader = reader;
        this.live = live;
        this.readYourWrites = readYourWrites;
        this.profiles = profiles;
        this.promotions = promotions;
        this.explore = explore;
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getHomeFeed", summary = "Read the caller's home timeline",
            description = "Newest first: posts of the caller's communities, activities scheduled there, reminders "
                    + "of activities they go to, posts of merchants they follow, and sponsored slots.")
    @APIResponse(responseCode = "200", description = "A page of feed items, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<FeedPage> home(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @CookieParam(ReadYourWrites.RECENT_WRITE_COOKIE) String recentWrite) {
        int pageLimit = limit(limit);
        Position after = position(cursor);
        return blocksApplied(recentWrite).chain(() -> reader.home(caller.id(), pageLimit, after))
                .chain(profiles::join);
    }

    @GET
    @Path("/explore")
    @Operation(operationId = "getExploreFeed", summary = "Read the explore feed",
            description = "Trending public posts and activities (recent likes, comments and RSVPs, decayed by "
                    + "age), optionally in one city or interest; never from a private community, a blocked author "
                    + "or a suspended merchant.")
    @APIResponse(responseCode = "200", description = "A page of feed items, best first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<FeedPage> explore(@QueryParam("city") String city, @QueryParam("interest") String interest,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @CookieParam(ReadYourWrites.RECENT_WRITE_COOKIE) String recentWrite) {
        String cityFilter = filter("city", city);
        String interestFilter = filter("interest", interest);
        int pageLimit = limit(limit);
        ExploreCursor after = ExploreCursor.decode(cursor);
        return blocksApplied(recentWrite)
                .chain(() -> explore.page(caller.id(), cityFilter, interestFilter, pageLimit, after))
                .chain(profiles::join);
    }

    @GET
    @Path("/me/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamHomeFeed", summary = "Stream new home timeline items",
            description = "Server-Sent Events: each new item of the caller's home timeline as it lands.")
    @APIResponse(responseCode = "200", description = "An open event stream of feed items.")
    public Multi<FeedItem> stream() {
        return live.of(caller.id());
    }

    @POST
    @Path("/me/sponsored/{impressionId}/click")
    @Tag(name = "Sponsored", description = "Promoted slots served in the feeds.")
    @Operation(operationId = "clickSponsoredItem", summary = "Count a click on a sponsored slot",
            description = "Counts a click on a sponsored slot served to the caller, once per impression; 204.")
    @APIResponse(responseCode = "204", description = "Counted (once per impression).")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Void> click(@PathParam("impressionId") String impressionId) {
        String userId = caller.id();
        if (impressionId.length() > 64) {
            throw ProblemException.notFound("no sponsored slot " + impressionId + " was served to you");
        }
        return promotions.click(userId, impressionId);
    }

    @GET
    @Path("/communities/{id}")
    @Operation(operationId = "getCommunityFeed", summary = "Read a community's feed",
            description = "The community's recent posts and activities; members only in a private community.")
    @APIResponse(responseCode = "200", description = "A page of feed items, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<FeedPage> community(@PathParam("id") String communityId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @CookieParam(ReadYourWrites.RECENT_WRITE_COOKIE) String recentWrite) {
        int pageLimit = limit(limit);
        Position after = position(cursor);
        // a member who just joined or was approved reads the feed at once, however far the projection lags
        return blocksApplied(recentWrite)
                .chain(() -> readYourWrites.retried(() -> reader.community(communityId, caller.id(), pageLimit, after)))
                .chain(profiles::join);
    }

    @GET
    @Path("/merchants/{id}")
    @Operation(operationId = "getMerchantFeed", summary = "Read a merchant's feed",
            description = "The merchant's recent posts and activities.")
    @APIResponse(responseCode = "200", description = "A page of feed items, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<FeedPage> merchant(@PathParam("id") String merchantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        caller.id();
        return reader.merchant(merchantId, limit(limit), position(cursor)).chain(profiles::join);
    }

    /**
     * A reader who just blocked or unblocked someone (the people service's cookie says so) reads once the people
     * projection has applied their block events; any other read goes on at once, at no cost.
     */
    private Uni<Void> blocksApplied(String recentWrite) {
        if (!Topics.PEOPLE_EVENTS.equals(recentWrite)) {
            return Uni.createFrom().voidItem();
        }
        return readYourWrites.awaitApplied(PeopleProjection.CHANNEL, caller.id());
    }

    // Parsed here rather than by JAX-RS, which answers a non-numeric query parameter with 404.
    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw ProblemException.badRequest("limit", "must be a number between 1 and " + MAX_LIMIT);
    }

    /** A city or interest filter: no community has one this long, so a longer one is a mistake (400). */
    private static String filter(String field, String value) {
        if (value != null && value.length() > MAX_FILTER) {
            throw ProblemException.badRequest(field, "must be at most " + MAX_FILTER + " characters");
        }
        return value;
    }

    private static Position position(String cursor) {
        return cursor == null || cursor.isBlank() ? null : Position.decode(cursor);
    }
}
