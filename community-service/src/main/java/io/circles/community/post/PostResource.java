package io.circles.community.post;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.circles.platform.ratelimit.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A post, its comments, reactions, reports and moderation. */
@Path("/api/posts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    private final PostService posts;
    private final PostReader reader;
    private final PostSearch search;
    private final Caller caller;

    PostResource(PostService posts, PostReader reader, PostSearch search, Caller caller) {
        this.posts = posts;
        this.reader = reader;
        this.search = search;
        this.caller = caller;
    }

    /** Posts the caller may read across communities, newest first; {@code q} is Chinese-aware. */
    @GET
    public Uni<Page<PostViews.PostView>> search(@QueryParam("q") String q, @QueryParam("city") String city,
            @QueryParam("interest") String interest, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return search.find(PostQuery.of(caller.id(), q, city, interest, null, page), page.limit());
    }

    @GET
    @Path("/{postId}")
    public Uni<PostViews.PostView> get(@PathParam("postId") String postId) {
        return posts.get(postId, caller.id(), caller.isPlatformAdmin());
    }

    @PATCH
    @Path("/{postId}")
    public Uni<PostViews.PostView> update(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.UpdatePost request) {
        return posts.update(postId, caller.id(), request);
    }

    @DELETE
    @Path("/{postId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> delete(@PathParam("postId") String postId) {
        return posts.delete(postId, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{postId}/comments")
    @RateLimited(RateLimited.POST)
    public Uni<Response> comment(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.CreateComment request) {
        return posts.comment(postId, caller.id(), request.text())
                .map(comment -> Response.status(201).entity(comment).build());
    }

    /** Oldest first. */
    @GET
    @Path("/{postId}/comments")
    public Uni<Page<PostViews.CommentView>> comments(@PathParam("postId") String postId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.comments(postId, caller.id(), caller.isPlatformAdmin(), page);
    }

    /** Idempotent: 200 with the post's reaction count, whether or not the reaction was new. */
    @PUT
    @Path("/{postId}/reactions/me")
    public Uni<PostViews.ReactionView> react(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.React request) {
        return posts.react(postId, caller.id(), request.type());
    }

    /** Idempotent: 200 with the post's reaction count. Removes the LIKE unless {@code type} says otherwise. */
    @DELETE
    @Path("/{postId}/reactions/me")
    @Consumes(MediaType.WILDCARD)
    public Uni<PostViews.ReactionView> unreact(@PathParam("postId") String postId,
            @QueryParam("type") String type) {
        PostRequests.ReactionType reaction = PostRequests.ReactionType.LIKE;
        if (type != null && !type.isBlank() && !PostRequests.ReactionType.LIKE.name().equals(type.strip())) {
            throw ProblemException.badRequest("type", "must be LIKE");
        }
        return posts.unreact(postId, caller.id(), reaction);
    }

    /** 201 for a new report, 200 when the caller had already reported the post. */
    @POST
    @Path("/{postId}/reports")
    public Uni<Response> report(@PathParam("postId") String postId, @NotNull @Valid PostRequests.Report request) {
        return posts.report(postId, caller.id(), request.reason())
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(new ReportAccepted(postId, request.reason())).build());
    }

    /** Hides a post (moderators); 204, also when it was already hidden. */
    @POST
    @Path("/{postId}/hide")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> hide(@PathParam("postId") String postId) {
        return posts.hide(postId, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    /** The caller's report as recorded. */
    public record ReportAccepted(String postId, String reason) {
    }
}
