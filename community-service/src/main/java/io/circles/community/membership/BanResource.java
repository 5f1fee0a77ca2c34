package io.circles.community.membership;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bans: the owner and moderators remove a user and keep them out until unbanned. */
@Tag(name = "Moderation", description = "Bans, reports and hidden posts, for owners and moderators.")
@Path("/api/communities/{id}/bans")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BanResource {

    private final MembershipService memberships;
    private final Caller caller;

    BanResource(MembershipService memberships, Caller caller) {
        this.memberships = memberships;
        this.caller = caller;
    }

    /** 201 when the ban is new, 200 when the user was already banned. */
    @POST
    @Operation(operationId = "banMember", summary = "Ban a user from a community",
            description = "Removes the user's membership and blocks rejoining (owner, moderator): 201 when the "
                    + "ban is new, 200 when the user was already banned.")
    @APIResponse(responseCode = "201", description = "Banned.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BanView.class)))
    @APIResponse(responseCode = "200", description = "Already banned.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BanView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "封禁发广告的用户", value = """
            {
              "userId": "u-8f3a2c",
              "reason": "反复发布广告"
            }
            """)))
    public Uni<Response> ban(@PathParam("id") String communityId, @NotNull @Valid BanRequest request) {
        return memberships.ban(communityId, caller.id(), caller.isPlatformAdmin(), request.userId(), request.reason())
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(new BanView(communityId, request.userId(), request.reason())).build());
    }

    /** 204, also when there was no ban. */
    @DELETE
    @Path("/{userId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "unbanMember", summary = "Lift a ban",
            description = "Lets the user join again (owner, moderator); 204, also when there was no ban.")
    @APIResponse(responseCode = "204", description = "Unbanned, or there was no ban.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Response> unban(@PathParam("id") String communityId, @PathParam("userId") String userId) {
        return memberships.unban(communityId, caller.id(), caller.isPlatformAdmin(), userId)
                .replaceWith(Response.noContent().build());
    }

    /** The body of a ban. */
    public record BanRequest(@NotBlank @Size(max = 200) String userId, @Size(max = 500) String reason) {
    }

    /** A ban as the API returns it. */
    public record BanView(String communityId, String userId, String reason) {
    }
}
