package io.circles.merchant.content;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;

import java.net.URI;

import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.identity.Caller;
import io.circles.platform.ratelimit.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** A merchant's posts: the owner publishes and removes, anyone reads. */
@Tag(name = "Merchant posts", description = "A merchant's image-text and short-video posts.")
@Path("/api/merchants/{id}/posts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    private final PostService posts;
    private final Caller caller;

    PostResource(PostService posts, Caller caller) {
        this.posts = posts;
        this.caller = caller;
    }

    @POST
    @RateLimited(RateLimited.POST)
    @Operation(operationId = "publishMerchantPost", summary = "Publish a merchant post",
            description = "Publishes an image-text or short-video post (the owner of an ACTIVE merchant), with up "
                    + "to 9 of its products as cards; 201. It reaches the followers' feeds.")
    @APIResponse(responseCode = "201", description = "The post; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "新品上架", value = """
            {
              "text": "冬季限定：桂花拿铁上市，到店出示 Circles 第二杯半价。",
              "media": [
                {"type": "IMAGE", "url": "https://cdn.circles.dev/m/latte.jpg", "width": 1080, "height": 1350}
              ],
              "productIds": ["p-71c2e0"]
            }
            """)))
    public Uni<Response> publish(@PathParam("id") String merchantId, @NotNull @Valid PublishPostRequest request) {
        return posts.publish(merchantId, caller.id(), request)
                .map(post -> Response.created(URI.create("/api/merchants/" + merchantId + "/posts/" + post.id()))
                        .entity(post).build());
    }

    @GET
    @Operation(operationId = "listMerchantPosts", summary = "List a merchant's posts",
            description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of posts, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<PostView>> list(@PathParam("id") String merchantId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return posts.list(merchantId, caller.id(), caller.isPlatformAdmin(), Cursor.decode(cursor),
                Cursor.limit(limit));
    }

    @DELETE
    @Path("/{postId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "removeMerchantPost", summary = "Remove a merchant post",
            description = "Removes the post from the merchant and from every feed (owner); 204.")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Void> remove(@PathParam("id") String merchantId, @PathParam("postId") String postId) {
        return posts.remove(merchantId, postId, caller.id(), caller.isPlatformAdmin());
    }
}
