package io.circles.community.membership;

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

/** Bans: the owner and moderators remove a user and keep them out until unbanned. */
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
    public Uni<Response> ban(@PathParam("id") String communityId, @NotNull @Valid BanRequest request) {
        return memberships.ban(communityId, caller.id(), caller.isPlatformAdmin(), request.userId(), request.reason())
                .map(created -> Response.status(created ? 201 : 200)
                        .entity(new BanView(communityId, request.userId(), request.reason())).build());
    }

    /** 204, also when there was no ban. */
    @DELETE
    @Path("/{userId}")
    @Consumes(MediaType.WILDCARD)
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
