package io.circles.merchant.follower;

import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller following a merchant; the follower is always the token's user. */
@Path("/api/merchants/{id}/followers/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class FollowerResource {

    private final FollowerService followers;
    private final Caller caller;

    FollowerResource(FollowerService followers, Caller caller) {
        this.followers = followers;
        this.caller = caller;
    }

    @PUT
    public Uni<FollowerService.FollowState> follow(@PathParam("id") String merchantId) {
        return followers.follow(merchantId, caller.id());
    }

    @DELETE
    public Uni<FollowerService.FollowState> unfollow(@PathParam("id") String merchantId) {
        return followers.unfollow(merchantId, caller.id());
    }
}
