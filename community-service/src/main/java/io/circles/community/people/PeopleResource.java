package io.circles.community.people;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** People: profiles, and the caller's blocks. The caller acts only on their own profile and blocks. */
@Path("/api/people")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PeopleResource {

    private final ProfileService profiles;
    private final BlockService blocks;
    private final Caller caller;

    PeopleResource(ProfileService profiles, BlockService blocks, Caller caller) {
        this.profiles = profiles;
        this.blocks = blocks;
        this.caller = caller;
    }

    /** The caller's profile; before a first save, the user id is the display name. */
    @GET
    @Path("/me")
    public Uni<PeopleViews.ProfileView> mine() {
        return profiles.mine(caller.id());
    }

    /** Replaces the caller's profile. */
    @PUT
    @Path("/me")
    public Uni<PeopleViews.ProfileView> update(@NotNull @Valid PeopleViews.UpdateProfile request) {
        return profiles.update(caller.id(), request);
    }

    /** The people the caller blocks. */
    @GET
    @Path("/me/blocks")
    public Uni<Page<PeopleViews.BlockView>> blocks(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return blocks.list(caller.id(), PageRequest.parse(limit, cursor));
    }

    /** Blocks a person: 204, also on a repeat. */
    @PUT
    @Path("/me/blocks/{userId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> block(@PathParam("userId") String userId) {
        return blocks.block(caller.id(), userId).replaceWith(Response.noContent().build());
    }

    /** Lifts a block: 204, also when there was none. */
    @DELETE
    @Path("/me/blocks/{userId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> unblock(@PathParam("userId") String userId) {
        return blocks.unblock(caller.id(), userId).replaceWith(Response.noContent().build());
    }

    /** Someone's profile, with the number of their communities the caller may see. */
    @GET
    @Path("/{id}")
    public Uni<PeopleViews.PersonView> person(@PathParam("id") String id) {
        return profiles.person(id, caller.id(), caller.isPlatformAdmin());
    }
}
