package io.circles.community.post;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A post, its comments, reactions, reports and moderation. */
@Tag(name = "Posts")
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
    @Operation(operationId = "searchPosts", summary = "Search posts",
            description = "Posts the caller may read across communities, newest first, by words in q "
                    + "(Chinese-aware), city and interest.")
    @APIResponse(responseCode = "200", description = "A page of posts, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<PostViews.PostView>> search(@QueryParam("q") String q, @QueryParam("city") String city,
            @QueryParam("interest") String interest, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return search.find(PostQuery.of(caller.id(), q, city, interest, null, page), page.limit());
    }

    @GET
    @Path("/{postId}")
    @Operation(operationId = "getPost", summary = "Read a post",
            description = "The post with its reaction and comment counts, if the caller may read its community.")
    @APIResponse(responseCode = "200", description = "The post.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<PostViews.PostView> get(@PathParam("postId") String postId) {
        return posts.get(postId, caller.id(), caller.isPlatformAdmin());
    }

    @PATCH
    @Path("/{postId}")
    @Operation(operationId = "updatePost", summary = "Edit a post",
            description = "Replaces the text or media present (author only).")
    @APIResponse(responseCode = "200", description = "The post as edited.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "修改集合时间", value = """
            {
              "text": "改到周六早上九点九溪集合 #徒步"
            }
            """)))
    public Uni<PostViews.PostView> update(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.UpdatePost request) {
        return posts.update(postId, caller.id(), request);
    }

    @DELETE
    @Path("/{postId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "deletePost", summary = "Delete a post",
            description = "Removes the post (its author, or a moderator of its community); 204.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Response> delete(@PathParam("postId") String postId) {
        return posts.delete(postId, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{postId}/comments")
    @RateLimited(RateLimited.POST)
    @Tag(name = "Comments", description = "Comments on posts.")
    @Operation(operationId = "commentOnPost", summary = "Comment on a post",
            description = "Adds the caller's comment (members of the post's community); 201 with the comment.")
    @APIResponse(responseCode = "201", description = "The comment.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PostViews.CommentView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "报名", value = """
            {
              "text": "算我一个，我带两瓶水。"
            }
            """)))
    public Uni<Response> comment(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.CreateComment request) {
        return posts.comment(postId, caller.id(), request.text())
                .map(comment -> Response.status(201).entity(comment).build());
    }

    /** Oldest first. */
    @GET
    @Path("/{postId}/comments")
    @Tag(name = "Comments")
    @Operation(operationId = "listPostComments", summary = "List a post's comments",
            description = "Oldest first, if the caller may read the post.")
    @APIResponse(responseCode = "200", description = "A page of comments, oldest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<PostViews.CommentView>> comments(@PathParam("postId") String postId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.comments(postId, caller.id(), caller.isPlatformAdmin(), page);
    }

    /** Idempotent: 200 with the post's reaction count, whether or not the reaction was new. */
    @PUT
    @Path("/{postId}/reactions/me")
    @Tag(name = "Reactions", description = "Likes on posts.")
    @Operation(operationId = "reactToPost", summary = "Like a post",
            description = "Idempotent: 200 with the post's reaction count, whether or not the reaction was new.")
    @APIResponse(responseCode = "200", description = "The post's reaction count.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "点赞", value = """
            {
              "type": "LIKE"
            }
            """)))
    public Uni<PostViews.ReactionView> react(@PathParam("postId") String postId,
            @NotNull @Valid PostRequests.React request) {
        return posts.react(postId, caller.id(), request.type());
    }

    /** Idempotent: 200 with the post's reaction count. Removes the LIKE unless {@code type} says otherwise. */
    @DELETE
    @Path("/{postId}/reactions/me")
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Reactions")
    @Operation(operationId = "removePostReaction", summary = "Remove the caller's like",
            description = "Idempotent: 200 with the post's reaction count; removes the LIKE unless type says "
                    + "otherwise.")
    @APIResponse(responseCode = "200", description = "The post's reaction count.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
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
    @Tag(name = "Moderation")
    @Operation(operationId = "reportPost", summary = "Report a post",
            description = "Reports the post to its community's moderators: 201 for a new report, 200 when the "
                    + "caller had already reported it.")
    @APIResponse(responseCode = "201", description = "Reported.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportAccepted.class)))
    @APIResponse(responseCode = "200", description = "Already reported by the caller.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportAccepted.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "举报广告", value = """
            {
              "reason": "这是广告，和徒步无关"
            }
            """)))
    public Uni<Response> report(@PathParam("postId") String postId, @NotNull @Valid PostRequests.Report request) {
        return posts.report(postId, caller.id(), request.reason())
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(new ReportAccepted(postId, request.reason())).build());
    }

    /** Hides a post (moderators); 204, also when it was already hidden. */
    @POST
    @Path("/{postId}/hide")
    @Consumes(MediaType.WILDCARD)
    @Tag(name = "Moderation")
    @Operation(operationId = "hidePost", summary = "Hide a post",
            description = "Hides the post from everyone but its author (moderators); 204, also when it was "
                    + "already hidden.")
    @APIResponse(responseCode = "204", description = "Hidden.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Response> hide(@PathParam("postId") String postId) {
        return posts.hide(postId, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    /** The caller's report as recorded. */
    public record ReportAccepted(String postId, String reason) {
    }
}
