package io.circles.event.rsvp;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.circles.event.web.PageLimit;
import io.circles.platform.consistency.ReadYourWrites;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.circles.platform.ratelimit.RateLimited;
import io.circles.platform.web.OptionalBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RSVPs, the waitlist and check-ins of one activity. */
@Tag(name = "RSVPs", description = "Going, the waitlist and check-ins of one activity.")
@Path("/api/activities/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RsvpResource {

    private final RsvpService rsvps;
    private final Caller caller;
    private final OptionalBody optionalBody;
    private final ReadYourWrites readYourWrites;

    RsvpResource(RsvpService rsvps, Caller caller, OptionalBody optionalBody, ReadYourWrites readYourWrites) {
        this.rsvps = rsvps;
        this.caller = caller;
        this.optionalBody = optionalBody;
        this.readYourWrites = readYourWrites;
    }

    @PUT
    @Path("/rsvps/me")
    @Consumes(MediaType.WILDCARD)
    @RateLimited(RateLimited.RSVP)
    @Operation(operationId = "rsvpToActivity", summary = "RSVP to an activity",
            description = "Goes (with up to 10 guests) or joins the waitlist when the seats are taken: the "
                    + "caller's status, GOING or WAITLISTED with a waitlistPosition. The body is optional.")
    @APIResponse(responseCode = "200", description = "The caller's RSVP: GOING or WAITLISTED.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RsvpRequest.class),
            examples = @ExampleObject(name = "带一位朋友", value = """
            {
              "guests": 1
            }
            """)))
    public Uni<RsvpView> rsvp(@PathParam("id") String id, String body) throws JsonProcessingException {
        RsvpRequest request = optionalBody.read(body, RsvpRequest.class);
        int guests = request == null ? 0 : request.guestCount();
        return readYourWrites.retried(() -> rsvps.rsvp(id, caller.id(), caller.isPlatformAdmin(), guests));
    }

    @DELETE
    @Path("/rsvps/me")
    @Operation(operationId = "cancelMyRsvp", summary = "Cancel the caller's RSVP",
            description = "Gives up the caller's seat or waitlist place; the waitlist is promoted first come, "
                    + "first served. 204.")
    @APIResponse(responseCode = "204", description = "Cancelled.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<Response> cancel(@PathParam("id") String id) {
        return readYourWrites.retried(() -> rsvps.cancel(id, caller.id(), caller.isPlatformAdmin()))
                .map(ignored -> Response.noContent().build());
    }

    /** The organizer or a moderator removes an attendee; 204 also when there was nothing to remove. */
    @DELETE
    @Path("/rsvps/{userId}")
    @Operation(operationId = "removeAttendee", summary = "Remove an attendee",
            description = "The organizer or a moderator removes an attendee; 204, also when there was nothing to "
                    + "remove.")
    @APIResponse(responseCode = "204", description = "Removed, or nothing to remove.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("userId") String userId) {
        return readYourWrites.retried(() -> rsvps.remove(id, caller.id(), caller.isPlatformAdmin(), userId))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/rsvps")
    @Operation(operationId = "listActivityRsvps", summary = "List attendees or the waitlist",
            description = "The RSVPs of one status (GOING by default, WAITLISTED in waitlist order, or "
                    + "CANCELLED); organizer and moderators.")
    @APIResponse(responseCode = "200", description = "A page of RSVPs.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<RsvpPage> list(@PathParam("id") String id, @QueryParam("status") @DefaultValue("GOING") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (!Rsvp.GOING.equals(status) && !Rsvp.WAITLISTED.equals(status) && !Rsvp.CANCELLED.equals(status)) {
            throw ProblemException.badRequest("status", "must be GOING, WAITLISTED or CANCELLED");
        }
        int pageLimit = PageLimit.parse(limit);
        return readYourWrites.retried(() -> rsvps.list(id, caller.id(), caller.isPlatformAdmin(), status, pageLimit,
                cursor));
    }

    @POST
    @Path("/check-ins")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkInAttendee", summary = "Check an attendee in",
            description = "Records that a GOING attendee arrived (organizer, moderator); 201, once per attendee.")
    @APIResponse(responseCode = "201", description = "Checked in; Location names the check-in.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CheckInView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "签到", value = """
            {
              "userId": "u-8f3a2c"
            }
            """)))
    public Uni<Response> checkIn(@PathParam("id") String id, @NotNull @Valid CheckInRequest request) {
        return readYourWrites.retried(() -> rsvps.checkIn(id, caller.id(), caller.isPlatformAdmin(), request.userId()))
                .map(view -> Response.created(URI.create("/api/activities/" + id + "/check-ins/" + view.userId()))
                        .entity(view).build());
    }
}
