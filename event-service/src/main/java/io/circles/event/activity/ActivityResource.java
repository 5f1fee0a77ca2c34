package io.circles.event.activity;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Offline activities: schedule, read, discover, edit, cancel. */
@Tag(name = "Activities", description = "Offline activities of communities and merchants.")
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
    @Operation(operationId = "createActivity", summary = "Schedule an activity",
            description = "Schedules an activity in a community (members) or, with merchantId instead of "
                    + "communityId, a merchant-hosted one (the ACTIVE merchant's owner); the organizer is GOING. "
                    + "201; a retry with the same Idempotency-Key returns the first response.")
    @APIResponse(responseCode = "201", description = "The activity, scheduled; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "九溪徒步", value = """
            {
              "communityId": "c-3f9a1b",
              "title": "周六九溪十八涧徒步",
              "description": "约 8 公里，中等强度，自带午饭和水。",
              "startsAt": "2026-12-12T00:30:00Z",
              "endsAt": "2026-12-12T05:00:00Z",
              "venue": {"name": "九溪公交站", "address": "杭州市西湖区九溪路",
                        "lat": 30.2069, "lon": 120.1212},
              "capacity": 20
            }
            """)))
    public Uni<Response> create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull @Valid CreateActivityRequest request) {
        return readYourWrites.retried(() -> activities.create(caller.id(), caller.isPlatformAdmin(), idempotencyKey,
                        request))
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }

    @GET
    @Operation(operationId = "listActivities", summary = "Discover activities",
            description = "Upcoming activities first, filtered by community, merchant, distance (near=lat,lon and "
                    + "radiusKm), time window (from, to), interest and words in q (Chinese-aware).")
    @APIResponse(responseCode = "200", description = "A page of activities, upcoming first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
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
    @Operation(operationId = "getActivity", summary = "Read an activity",
            description = "The activity with goingCount, waitlistCount, status and the caller's rsvp, if the "
                    + "caller may see its community.")
    @APIResponse(responseCode = "200", description = "The activity.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<ActivityView> get(@PathParam("id") String id) {
        return readYourWrites.retried(() -> activities.get(id, caller.id(), caller.isPlatformAdmin()));
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateActivity", summary = "Edit an activity",
            description = "Replaces the fields present (organizer, community moderator); a larger capacity "
                    + "promotes the waitlist.")
    @APIResponse(responseCode = "200", description = "The activity as edited.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "多开五个名额", value = """
            {
              "capacity": 25,
              "description": "约 8 公里，中等强度，自带午饭和水。名额已增加。"
            }
            """)))
    public Uni<ActivityView> update(@PathParam("id") String id, @NotNull @Valid UpdateActivityRequest request) {
        return readYourWrites.retried(() -> activities.update(id, caller.id(), caller.isPlatformAdmin(), request));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "cancelActivity", summary = "Cancel an activity",
            description = "Cancels the activity (organizer, community moderator); attendees are notified.")
    @APIResponse(responseCode = "200", description = "The cancelled activity.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<ActivityView> cancel(@PathParam("id") String id) {
        return readYourWrites.retried(() -> activities.cancel(id, caller.id(), caller.isPlatformAdmin()));
    }
}
