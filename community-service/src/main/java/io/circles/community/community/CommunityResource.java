package io.circles.community.community;

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

/** Communities: create, discover, read, edit, archive. */
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
    public Uni<Response> create(@NotNull @Valid CreateCommunityRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        // The owner may schedule an activity at once: answer when the community's events are in Kafka.
        return communities.create(caller.id(), request, idempotencyKey)
                .call(stored -> relay.awaitPublished(communityId(stored)))
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    /** Discovery; {@code member=me} lists the caller's own communities. */
    @GET
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
    public Uni<Page<DiscoveryService.CommunitySummary>> recommended(@QueryParam("limit") String limit) {
        return recommendations.recommend(caller.id(), PageRequest.parse(limit, null).limit());
    }

    @GET
    @Path("/{id}")
    public Uni<CommunityView> get(@PathParam("id") String id) {
        return communities.get(id, caller.id());
    }

    /** Edits the fields present (owner, moderator). */
    @PATCH
    @Path("/{id}")
    public Uni<CommunityView> update(@PathParam("id") String id, @NotNull @Valid UpdateCommunityRequest request) {
        // A private community made public opens its activities and feed to everyone at once.
        return communities.update(id, caller.id(), caller.isPlatformAdmin(), request)
                .call(() -> relay.awaitPublished(id));
    }

    /** Archives (owner); 204, also when already archived. */
    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> archive(@PathParam("id") String id) {
        return communities.archive(id, caller.id(), caller.isPlatformAdmin()).replaceWith(Response.noContent().build());
    }

    /** The created community's id, the last segment of its Location. */
    private static String communityId(IdempotencyKeys.StoredResponse stored) {
        return stored.location().substring(stored.location().lastIndexOf('/') + 1);
    }
}
