package io.circles.event.activity;

import io.circles.platform.consistency.ReadYourWrites;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/** Offline activities: schedule, read, discover, edit, cancel. */
@Path("/api/activities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private final ActivityService activities;
    private final Caller caller;
    private final ReadYourWrites readYourWrites;

    ActivityResource(ActivityService activities, Caller caller, ReadYourWrites readYourWrites) {
        this.activities = activities;
        this.caller = caller;
        this.readYourWrites = readYourWrites;
    }

    /** 201 with the activity; a retry with the same Idempotency-Key returns the first response. */
    @POST
    public Uni<Response> create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull @Valid CreateActivityRequest request) {
        return readYourWrites.retried(() -> activities.create(caller.id(), caller.isPlatformAdmin(), idempotencyKey,
                        request))
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    @GET
    public Uni<ActivityPage> list(@QueryParam("communityId") String communityId, @QueryParam("near") String near,
            @QueryParam("radiusKm") String radiusKm, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interest") String interest, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @QueryParam("q") String q,
            @QueryParam("merchantId") String merchantId) {
        ActivityQuery query = ActivityQuery.parse(communityId, near, radiusKm, from, to, interest, limit, cursor, q,
                merchantId);
        return activities.list(caller.id(), caller.isPlatformAdmin(), query);
    }

    @GET
    @Path("/{id}")
    public Uni<ActivityView> get(@PathParam("id") String id) {
        return readYourWrites.retried(() -> activities.get(id, caller.id(), caller.isPlatformAdmin()));
    }

    @PATCH
    @Path("/{id}")
    public Uni<ActivityView> update(@PathParam("id") String id, @NotNull @Valid UpdateActivityRequest request) {
        return readYourWrites.retried(() -> activities.update(id, caller.id(), caller.isPlatformAdmin(), request));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Uni<ActivityView> cancel(@PathParam("id") String id) {
        return readYourWrites.retried(() -> activities.cancel(id, caller.id(), caller.isPlatformAdmin()));
    }
}
