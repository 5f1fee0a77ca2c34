package io.circles.community.community;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

import io.circles.community.discovery.DiscoveryQuery;
import io.circles.community.discovery.DiscoveryService;
import io.circles.community.discovery.RecommendationService;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.identity.Caller;
import io.circles.platform.outbox.OutboxRelay;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Communities: create, discover, read, edit, archive. */
@Tag(name = "Communities", description = "Create, discover, read, edit and archive interest communities.")
@Path("/api/communities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityResource {

    private final CommunityService communities;
    private final DiscoveryService discovery;
    private final RecommendationService recommendations;
    private final Caller caller;
    private final OutboxRelay relay;

    CommunityResource(CommunityService communities, DiscoveryService discovery,
            RecommendationService recommendations, Caller caller, OutboxRelay relay) {
        this.relay = relay;
        this.communities = communities;
        this.discovery = discovery;
        this.recommendations = recommendations;
        this.caller = caller;
    }

    /** 201 with the community; a retry with the same {@code Idempotency-Key} returns the first response. */
    @POST
    @Operation(operationId = "createCommunity", summary = "Create a community",
            description = "Creates a community with the caller as its OWNER (201). A retry with the same "
                    + "Idempotency-Key returns the first response.")
    @APIResponse(responseCode = "201", description = "The community, with the caller as OWNER; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommunityView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "西湖咖啡社", value = """
            {
              "name": "西湖咖啡社",
              "description": "每周六在西湖边喝手冲咖啡，新手也欢迎。",
              "interests": ["coffee"],
              "city": "杭州",
              "location": {"lat": 30.2431, "lon": 120.1503},
              "visibility": "PUBLIC"
            }
            """)))
    public Uni<Response> create(@NotNull @Valid CreateCommunityRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        // The owner may schedule an activity at once: answer when the community's events are in Kafka.
        return communities.create(caller.id(), request, idempotencyKey)
                .call(stored -> relay.awaitPublished(communityId(stored)))
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    /** Discovery; {@code member=me} lists the caller's own communities. */
    @GET
    @Operation(operationId = "listCommunities", summary = "Discover communities",
            description = "Communities matching interest, city, distance (near=lat,lon and radiusKm) and words in "
                    + "q (Chinese-aware), sorted popular, new or nearby; member=me lists the caller's own "
                    + "communities.")
    @APIResponse(responseCode = "200", description = "A page of communities.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<DiscoveryService.CommunitySummary>> discover(@QueryParam("interest") String interest,
            @QueryParam("city") String city, @QueryParam("near") String near,
            @QueryParam("radiusKm") String radiusKm, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("member") String member, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        DiscoveryQuery query = DiscoveryQuery.of(caller.id(), interest, city, near, radiusKm, q, sort, member, page);
        return discovery.discover(query, page.limit());
    }

    /** Communities the caller may like, best first; one page, no cursor. A literal path: it wins over {id}. */
    @GET
    @Path("/recommended")
    @Operation(operationId = "listRecommendedCommunities", summary = "Communities the caller may like",
            description = "From the caller's interests, city and the communities their fellow members joined, "
                    + "best first; never one they belong to, are banned from, or a private one they cannot see. "
                    + "One page, no cursor.")
    @APIResponse(responseCode = "200", description = "One page of communities, best first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<DiscoveryService.CommunitySummary>> recommended(@QueryParam("limit") String limit) {
        return recommendations.recommend(caller.id(), PageRequest.parse(limit, null).limit());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCommunity", summary = "Read a community",
            description = "The community with its memberCount and the caller's membership (role and status, or "
                    + "null).")
    @APIResponse(responseCode = "200", description = "The community.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<CommunityView> get(@PathParam("id") String id) {
        return communities.get(id, caller.id());
    }

    /** Edits the fields present (owner, moderator). */
    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateCommunity", summary = "Edit a community",
            description = "Replaces the fields present (owner, moderator). A private community made public opens "
                    + "its activities and feed to everyone.")
    @APIResponse(responseCode = "200", description = "The community as edited.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "改名并公开", value = """
            {
              "name": "西湖咖啡与烘焙社",
              "description": "手冲、烘焙、探店，每周六下午。",
              "visibility": "PUBLIC"
            }
            """)))
    public Uni<CommunityView> update(@PathParam("id") String id, @NotNull @Valid UpdateCommunityRequest request) {
        // A private community made public opens its activities and feed to everyone at once.
        return communities.update(id, caller.id(), caller.isPlatformAdmin(), request)
                .call(() -> relay.awaitPublished(id));
    }

    /** Archives (owner); 204, also when already archived. */
    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "archiveCommunity", summary = "Archive a community",
            description = "Archives the community (owner); 204, also when it was already archived.")
    @APIResponse(responseCode = "204", description = "Archived.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Response> archive(@PathParam("id") String id) {
        return communities.archive(id, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    /** The created community's id, the last segment of its Location. */
    private static String communityId(IdempotencyKeys.StoredResponse stored) {
        return stored.location().substring(stored.location().lastIndexOf('/') + 1);
    }
}
