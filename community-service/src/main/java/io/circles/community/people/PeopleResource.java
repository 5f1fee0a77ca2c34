package io.circles.community.people;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.events.Topics;
import io.circles.platform.consistency.ReadYourWrites;
import io.circles.platform.identity.Caller;
import io.circles.platform.outbox.OutboxRelay;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** People: profiles, and the caller's blocks. The caller acts only on their own profile and blocks. */
@Tag(name = "People", description = "Profiles and the caller's blocks.")
@Path("/api/people")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PeopleResource {

    /** Where the feeds are read: the reads that must see a block at once. */
    private static final String FEEDS = "/api/feeds";

    private final ProfileService profiles;
    private final BlockService blocks;
    private final Caller caller;
    private final OutboxRelay relay;
    private final ReadYourWrites readYourWrites;

    PeopleResource(ProfileService profiles, BlockService blocks, Caller caller, OutboxRelay relay,
            ReadYourWrites readYourWrites) {
        this.profiles = profiles;
        this.blocks = blocks;
        this.caller = caller;
        this.relay = relay;
        this.readYourWrites = readYourWrites;
    }

    /** The caller's profile; before a first save, the user id is the display name. */
    @GET
    @Path("/me")
    @Operation(operationId = "getMyProfile", summary = "Read the caller's profile",
            description = "The caller's own profile; before a first save, the display name is the user id.")
    @APIResponse(responseCode = "200", description = "The caller's profile.")
    public Uni<PeopleViews.ProfileView> mine() {
        return profiles.mine(caller.id());
    }

    /** Replaces the caller's profile. */
    @PUT
    @Path("/me")
    @Operation(operationId = "updateMyProfile", summary = "Save the caller's profile",
            description = "Replaces the caller's profile: display name, bio, city, interests and an avatar (a "
                    + "READY image upload).")
    @APIResponse(responseCode = "200", description = "The profile as saved.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "小林的资料", value = """
            {
              "displayName": "小林",
              "bio": "周末爬山，平时喝咖啡。",
              "city": "杭州",
              "interests": ["hiking", "coffee"]
            }
            """)))
    public Uni<PeopleViews.ProfileView> update(@NotNull @Valid PeopleViews.UpdateProfile request) {
        return profiles.update(caller.id(), request);
    }

    /** The people the caller blocks. */
    @GET
    @Path("/me/blocks")
    @Operation(operationId = "listMyBlocks", summary = "List the people the caller blocks",
            description = "The caller's blocks, newest first.")
    @APIResponse(responseCode = "200", description = "A page of blocked people.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<PeopleViews.BlockView>> blocks(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return blocks.list(caller.id(), PageRequest.parse(limit, cursor));
    }

    /** Blocks a person: 204, also on a repeat. */
    @PUT
    @Path("/me/blocks/{userId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "blockPerson", summary = "Block a person",
            description = "Hides the person's posts, comments and activities from the caller, and stops them "
                    + "commenting on or liking the caller's posts; 204, also on a repeat.")
    @APIResponse(responseCode = "204", description = "Blocked.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Response> block(@PathParam("userId") String userId) {
        return blocks.block(caller.id(), userId).chain(() -> blockApplies());
    }

    /** Lifts a block: 204, also when there was none. */
    @DELETE
    @Path("/me/blocks/{userId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "unblockPerson", summary = "Unblock a person",
            description = "Lifts a block; 204, also when there was none.")
    @APIResponse(responseCode = "204", description = "Unblocked, or there was no block.")
    public Uni<Response> unblock(@PathParam("userId") String userId) {
        return blocks.unblock(caller.id(), userId).chain(() -> blockApplies());
    }

    /**
     * The caller's next feed read must already follow the change: answered once the event is in Kafka, with the
     * cookie that makes feed-service wait for its people projection to apply it (docs/consistency.md).
     */
    private Uni<Response> blockApplies() {
        return relay.awaitPublished(caller.id()).replaceWith(() -> Response.noContent()
                .cookie(readYourWrites.recentWrite(Topics.PEOPLE_EVENTS, FEEDS)).build());
    }

    /** Someone's profile, with the number of their communities the caller may see. */
    @GET
    @Path("/{id}")
    @Operation(operationId = "getPerson", summary = "Read someone's profile",
            description = "A profile with the number of their communities the caller may see.")
    @APIResponse(responseCode = "200", description = "The profile.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<PeopleViews.PersonView> person(@PathParam("id") String id) {
        return profiles.person(id, caller.id(), caller.isPlatformAdmin());
    }
}
