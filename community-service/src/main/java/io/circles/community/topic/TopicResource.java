package io.circles.community.topic;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;

import io.circles.community.post.PostQuery;
import io.circles.community.post.PostSearch;
import io.circles.community.post.PostViews;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Topics: the posts carrying a hashtag, and what is trending. */
@Tag(name = "Topics", description = "Hashtag topics: the posts carrying one, and what is trending.")
@Path("/api/topics")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    private final PostSearch search;
    private final TopicService topics;
    private final Caller caller;

    TopicResource(PostSearch search, TopicService topics, Caller caller) {
        this.search = search;
        this.topics = topics;
        this.caller = caller;
    }

    /** The topics on the most posts of the last 24 hours, optionally in one city; one page, no cursor. */
    @GET
    @Path("/trending")
    @Operation(operationId = "listTrendingTopics", summary = "List trending topics",
            description = "The hashtags on the most posts of the last 24 hours, optionally in one city; one page, "
                    + "no cursor.")
    @APIResponse(responseCode = "200", description = "One page of topics with their post counts.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<TopicService.TrendingTopic>> trending(@QueryParam("city") String city,
            @QueryParam("limit") String limit) {
        return topics.trending(city, PageRequest.parse(limit, null).limit());
    }

    /** The posts carrying {@code #tag} that the caller may read, newest first. */
    @GET
    @Path("/{tag}/posts")
    @Operation(operationId = "listTopicPosts", summary = "List the posts of a topic",
            description = "The posts carrying #tag that the caller may read, newest first.")
    @APIResponse(responseCode = "200", description = "A page of posts, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<PostViews.PostView>> posts(@PathParam("tag") String tag, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return search.find(PostQuery.of(caller.id(), null, null, null, Hashtags.parse(tag), page), page.limit());
    }
}
