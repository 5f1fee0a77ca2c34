package io.circles.community.post;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.identity.Caller;
import io.circles.platform.ratelimit.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A community's posts: publish and read, newest first. */
@Tag(name = "Posts", description = "Posts in communities: publish, read, edit, delete, and search across communities.")
@Path("/api/communities/{id}/posts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityPostResource {

    private final PostService posts;
    private final PostReader reader;
    private final Caller caller;

    CommunityPostResource(PostService posts, PostReader reader, Caller caller) {
        this.posts = posts;
        this.reader = reader;
        this.caller = caller;
    }

    /** 201 with the post; a retry with the same {@code Idempotency-Key} returns the first response. */
    @POST
    @RateLimited(RateLimited.POST)
    @Operation(operationId = "createCommunityPost", summary = "Publish a post in a community",
            description = "Publishes text and media (up to 9 images or one video, as https URLs or the caller's "
                    + "READY uploads by mediaId) as a member; #hashtags become topics. 201; a retry with the same "
                    + "Idempotency-Key returns the first response.")
    @APIResponse(responseCode = "201", description = "The post, published; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostViews.PostView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "周末徒步", value = """
            {
              "text": "周六早上八点九溪集合，走十里琅珰 #徒步",
              "media": [
                {"type": "IMAGE", "url": "https://cdn.circles.dev/m/9xi.jpg", "width": 1280, "height": 960}
              ]
            }
            """)))
    public Uni<Response> create(@PathParam("id") String communityId, @NotNull @Valid PostRequests.CreatePost request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return posts.create(communityId, caller.id(), request, idempotencyKey)
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    /** Newest first. */
    @GET
    @Operation(operationId = "listCommunityPosts", summary = "List a community's posts",
            description = "Newest first; anyone in a public community, members only in a private one.")
    @APIResponse(responseCode = "200", description = "A page of posts, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<PostViews.PostView>> list(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.communityPosts(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }
}
