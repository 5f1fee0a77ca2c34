package io.circles.merchant.follower;

import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller following a merchant; the follower is always the token's user. */
@Tag(name = "Followers", description = "Following a merchant, whose posts then reach the follower's feed.")
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
    @Operation(operationId = "followMerchant", summary = "Follow a merchant",
            description = "The caller follows the merchant, whose posts then reach their feed; idempotent.")
    @APIResponse(responseCode = "200", description = "The caller follows the merchant.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<FollowerService.FollowState> follow(@PathParam("id") String merchantId) {
        return followers.follow(merchantId, caller.id());
    }

    @DELETE
    @Operation(operationId = "unfollowMerchant", summary = "Unfollow a merchant",
            description = "The caller stops following the merchant; idempotent.")
    @APIResponse(responseCode = "200", description = "The caller does not follow the merchant.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<FollowerService.FollowState> unfollow(@PathParam("id") String merchantId) {
        return followers.unfollow(merchantId, caller.id());
    }
}
