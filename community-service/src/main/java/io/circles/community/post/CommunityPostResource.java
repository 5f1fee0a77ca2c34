package io.circles.community.post;

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

/** A community's posts: publish and read, newest first. */
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
    public Uni<Response> create(@PathParam("id") String communityId, @NotNull @Valid PostRequests.CreatePost request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return posts.create(communityId, caller.id(), request, idempotencyKey)
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    /** Newest first. */
    @GET
    public Uni<Page<PostViews.PostView>> list(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.communityPosts(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }
}
