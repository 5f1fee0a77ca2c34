package io.circles.community.membership;

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

/** Pending requests to join a private community, decided by its owner and moderators. */
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
    public Uni<Page<MemberDirectory.JoinRequestView>> list(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return directory.joinRequests(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }

    /** Approves: the user becomes a MEMBER; 404 when there is no pending request (any more). */
    @POST
    @Path("/{userId}/approve")
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
    public Uni<Response> reject(@PathParam("id") String communityId, @PathParam("userId") String userId) {
        return memberships.reject(communityId, caller.id(), caller.isPlatformAdmin(), userId)
                .replaceWith(Response.noContent().build());
    }
}
