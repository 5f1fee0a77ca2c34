package io.circles.event.rsvp;

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

/** RSVPs, the waitlist and check-ins of one activity. */
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
    public Uni<RsvpView> rsvp(@PathParam("id") String id, String body) throws JsonProcessingException {
        RsvpRequest request = optionalBody.read(body, RsvpRequest.class);
        int guests = request == null ? 0 : request.guestCount();
        return readYourWrites.retried(() -> rsvps.rsvp(id, caller.id(), caller.isPlatformAdmin(), guests));
    }

    @DELETE
    @Path("/rsvps/me")
    public Uni<Response> cancel(@PathParam("id") String id) {
        return readYourWrites.retried(() -> rsvps.cancel(id, caller.id(), caller.isPlatformAdmin()))
                .map(ignored -> Response.noContent().build());
    }

    /** The organizer or a moderator removes an attendee; 204 also when there was nothing to remove. */
    @DELETE
    @Path("/rsvps/{userId}")
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("userId") String userId) {
        return readYourWrites.retried(() -> rsvps.remove(id, caller.id(), caller.isPlatformAdmin(), userId))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/rsvps")
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
    public Uni<Response> checkIn(@PathParam("id") String id, @NotNull @Valid CheckInRequest request) {
        return readYourWrites.retried(() -> rsvps.checkIn(id, caller.id(), caller.isPlatformAdmin(), request.userId()))
                .map(view -> Response.created(URI.create("/api/activities/" + id + "/check-ins/" + view.userId()))
                        .entity(view).build());
    }
}
