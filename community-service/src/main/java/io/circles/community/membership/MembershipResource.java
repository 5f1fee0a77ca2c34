package io.circles.community.membership;

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

/** Membership of a community; the member who joins or leaves is always the caller. */
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
    public Uni<Response> leave(@PathParam("id") String communityId) {
        return memberships.leave(communityId, caller.id()).replaceWith(Response.noContent().build());
    }

    @GET
    public Uni<Page<MemberDirectory.MemberView>> list(@PathParam("id") String communityId,
            @QueryParam("role") String role, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return directory.members(communityId, caller.id(), caller.isPlatformAdmin(), parseRole(role), page);
    }

    /** Sets a member's role (owner only); 200 with the member's role, whether or not it changed. */
    @PUT
    @Path("/{userId}/role")
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
