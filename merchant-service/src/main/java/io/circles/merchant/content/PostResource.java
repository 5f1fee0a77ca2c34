package io.circles.merchant.content;

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

/** A merchant's posts: the owner publishes and removes, anyone reads. */
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
    public Uni<Response> publish(@PathParam("id") String merchantId, @NotNull @Valid PublishPostRequest request) {
        return posts.publish(merchantId, caller.id(), request)
                .map(post -> Response.created(URI.create("/api/merchants/" + merchantId + "/posts/" + post.id()))
                        .entity(post).build());
    }

    @GET
    public Uni<Page<PostView>> list(@PathParam("id") String merchantId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return posts.list(merchantId, caller.id(), caller.isPlatformAdmin(), Cursor.decode(cursor),
                Cursor.limit(limit));
    }

    @DELETE
    @Path("/{postId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Void> remove(@PathParam("id") String merchantId, @PathParam("postId") String postId) {
        return posts.remove(merchantId, postId, caller.id(), caller.isPlatformAdmin());
    }
}
