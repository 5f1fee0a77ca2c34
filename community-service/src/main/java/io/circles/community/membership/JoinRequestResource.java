package io.circles.community.membership;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.circles.platform.outbox.OutboxRelay;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pending requests to join a private community, decided by its owner and moderators. */
@Tag(name = "Join requests", description = "Requests to join a private community, decided by its moderators.")
@Path("/api/communities/{id}/join-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class JoinRequestResource {

    private final MembershipService memberships;
    private final MemberDirectory directory;
    private final Caller caller;
    private final OutboxRelay relay;

    JoinRequestResource(MembershipService memberships, MemberDirectory directory, Caller caller, OutboxRelay relay) {
        this.relay = relay;
        this.memberships = memberships;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listJoinRequests", summary = "List pending join requests",
            description = "Requests to join a private community, oldest first, with each asker's answer (owner, "
                    + "moderator).")
    @APIResponse(responseCode = "200", description = "A page of pending requests.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<MemberDirectory.JoinRequestView>> list(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return directory.joinRequests(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }

    /** Approves: the user becomes a MEMBER; 404 when there is no pending request (any more). */
    @POST
    @Path("/{userId}/approve")
    @Operation(operationId = "approveJoinRequest", summary = "Approve a join request",
            description = "The asker becomes a MEMBER (owner, moderator); 404 when there is no pending request "
                    + "(any more).")
    @APIResponse(responseCode = "200", description = "The new member.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<MembershipResource.JoinResponse> approve(@PathParam("id") String communityId,
            @PathParam("userId") String userId) {
        // The new member reads the private feed and RSVPs at once: answer when member-joined is in Kafka.
        return memberships.approve(communityId, caller.id(), caller.isPlatformAdmin(), userId)
                .call(() -> relay.awaitPublished(communityId))
                .map(result -> new MembershipResource.JoinResponse(communityId, userId, result.status(),
                        result.role()));
    }

    /** Rejects: 204; the user may ask again. 404 when there is no pending request (any more). */
    @POST
    @Path("/{userId}/reject")
    @Operation(operationId = "rejectJoinRequest", summary = "Reject a join request",
            description = "Drops the request (owner, moderator); 204, and the user may ask again. 404 when there "
                    + "is no pending request (any more).")
    @APIResponse(responseCode = "204", description = "Rejected.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<Response> reject(@PathParam("id") String communityId, @PathParam("userId") String userId) {
        return memberships.reject(communityId, caller.id(), caller.isPlatformAdmin(), userId)
                .replaceWith(Response.noContent().build());
    }
}
