package io.circles.community.membership;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.circles.platform.identity.Caller;
import io.circles.platform.web.OptionalBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Membership of a community; the member is always the caller. */
@Path("/api/communities/{id}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembershipResource {

    private final MembershipService memberships;
    private final Caller caller;
    private final OptionalBody optionalBody;

    MembershipResource(MembershipService memberships, Caller caller, OptionalBody optionalBody) {
        this.memberships = memberships;
        this.caller = caller;
        this.optionalBody = optionalBody;
    }

    /** Joins: 201 on the first call, 200 with the same state on a repeat. The body is optional. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> join(@PathParam("id") String communityId, String body) throws JsonProcessingException {
        JoinRequest request = optionalBody.read(body, JoinRequest.class);
        String answer = request == null ? null : request.answer();
        return memberships.join(communityId, caller.id(), answer)
                .map(result -> Response.status(result.created() ? 201 : 200)
                        .entity(new JoinResponse(result.communityId(), result.userId(), result.status(), result.role()))
                        .build());
    }

    /** The caller's membership after a join. */
    public record JoinResponse(String communityId, String userId, MembershipStatus status, Role role) {
    }
}
