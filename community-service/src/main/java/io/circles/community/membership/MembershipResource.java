package io.circles.community.membership;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.circles.platform.ratelimit.RateLimited;
import io.circles.platform.web.OptionalBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** Membership of a community; the member who joins or leaves is always the caller. */
@Tag(name = "Members", description = "Joining and leaving a community, its member list and roles.")
@Path("/api/communities/{id}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembershipResource {

    private final MembershipService memberships;
    private final MemberDirectory directory;
    private final Caller caller;
    private final OptionalBody optionalBody;
    private final OutboxRelay relay;

    MembershipResource(MembershipService memberships, MemberDirectory directory, Caller caller,
            OptionalBody optionalBody, OutboxRelay relay) {
        this.relay = relay;
        this.memberships = memberships;
        this.directory = directory;
        this.caller = caller;
        this.optionalBody = optionalBody;
    }

    /** Joins: 201 on the first call, 200 with the same state on a repeat. The body is optional. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RateLimited(RateLimited.JOIN)
    @Operation(operationId = "joinCommunity", summary = "Join a community",
            description = "Joins as MEMBER (public community) or asks to join as PENDING (private, with an "
                    + "optional answer to its join question): 201 the first time, 200 with the same state on a "
                    + "repeat. The body is optional.")
    @APIResponse(responseCode = "201", description = "Joined (MEMBER) or asked to join (PENDING).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JoinResponse.class)))
    @APIResponse(responseCode = "200", description = "Already joined or asked: the same state.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JoinResponse.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JoinRequest.class),
            examples = @ExampleObject(name = "回答入群问题", value = """
            {
              "answer": "我在西湖边住，周末有空，喜欢手冲。"
            }
            """)))
    public Uni<Response> join(@PathParam("id") String communityId, String body) throws JsonProcessingException {
        JoinRequest request = optionalBody.read(body, JoinRequest.class);
        String answer = request == null ? null : request.answer();
        return memberships.join(communityId, caller.id(), answer)
                .map(result -> Response.status(result.created() ? 201 : 200)
                        .entity(new JoinResponse(result.communityId(), result.userId(), result.status(), result.role()))
                        .build());
    }

    /** Leaves (or withdraws a pending request); 204 also when there was nothing to leave. */
    @DELETE
    @Path("/me")
    @Operation(operationId = "leaveCommunity", summary = "Leave a community",
            description = "Leaves, or withdraws a pending request; 204, also when there was nothing to leave. An "
                    + "owner must hand ownership over first (409).")
    @APIResponse(responseCode = "204", description = "Left, or nothing to leave.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<Response> leave(@PathParam("id") String communityId) {
        return memberships.leave(communityId, caller.id()).replaceWith(Response.noContent().build());
    }

    @GET
    @Operation(operationId = "listCommunityMembers", summary = "List a community's members",
            description = "The members, optionally of one role (OWNER, MODERATOR, MEMBER); members only in a "
                    + "private community.")
    @APIResponse(responseCode = "200", description = "A page of members.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<MemberDirectory.MemberView>> list(@PathParam("id") String communityId,
            @QueryParam("role") String role, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return directory.members(communityId, caller.id(), caller.isPlatformAdmin(), parseRole(role), page);
    }

    /** Sets a member's role (owner only); 200 with the member's role, whether or not it changed. */
    @PUT
    @Path("/{userId}/role")
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role",
            description = "Sets a member's role (owner only); handing OWNER over makes the caller a MODERATOR. "
                    + "200 with the role, whether or not it changed.")
    @APIResponse(responseCode = "200", description = "The member with their role.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "升为版主", value = """
            {
              "role": "MODERATOR"
            }
            """)))
    public Uni<JoinResponse> changeRole(@PathParam("id") String communityId, @PathParam("userId") String userId,
            @NotNull @Valid RoleRequest request) {
        // A new moderator manages activities at once: answer when member-role-changed is in Kafka.
        return memberships.changeRole(communityId, caller.id(), userId, request.role())
                .call(() -> relay.awaitPublished(communityId))
                .map(change -> new JoinResponse(communityId, userId, MembershipStatus.MEMBER, change.role()));
    }

    private static Role parseRole(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        try {
            return Role.valueOf(role.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("role", "must be one of OWNER, MODERATOR, MEMBER");
        }
    }

    /** A member's state in a community. */
    public record JoinResponse(String communityId, String userId, MembershipStatus status, Role role) {
    }

    /** The body of a role change. */
    public record RoleRequest(@NotNull Role role) {
    }
}
