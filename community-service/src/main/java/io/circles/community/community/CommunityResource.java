package io.circles.community.community;

import java.net.URI;

import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Communities: create and read. */
@Path("/api/communities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityResource {

    private final CommunityService communities;
    private final Caller caller;

    CommunityResource(CommunityService communities, Caller caller) {
        this.communities = communities;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@NotNull @Valid CreateCommunityRequest request) {
        return communities.create(caller.id(), request)
                .map(view -> Response.created(URI.create("/api/communities/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<CommunityView> get(@PathParam("id") String id) {
        return communities.get(id, caller.id());
    }
}
