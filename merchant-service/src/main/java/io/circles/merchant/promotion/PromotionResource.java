package io.circles.merchant.promotion;

import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A promotion, for its owner: progress, results, pause and resume. */
@Tag(name = "Promotions")
@Path("/api/promotions/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PromotionResource {

    private final PromotionService promotions;
    private final Caller caller;

    PromotionResource(PromotionService promotions, Caller caller) {
        this.promotions = promotions;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getPromotion", summary = "Read a promotion",
            description = "Its status and progress: impressionsServed of budgetImpressions; EXHAUSTED when they "
                    + "are equal (owner).")
    @APIResponse(responseCode = "200", description = "The promotion.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<PromotionView> get(@PathParam("id") String id) {
        return promotions.get(id, caller.id(), caller.isPlatformAdmin());
    }

    @GET
    @Path("/stats")
    @Operation(operationId = "getPromotionStats", summary = "Read a promotion's results",
            description = "Impressions, reach (distinct users served) and clicks, in total and per day (owner).")
    @APIResponse(responseCode = "200", description = "The promotion's results.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<PromotionStats> stats(@PathParam("id") String id) {
        return promotions.stats(id, caller.id(), caller.isPlatformAdmin());
    }

    @POST
    @Path("/pause")
    @Operation(operationId = "pausePromotion", summary = "Pause a promotion",
            description = "Stops serving the promotion until it is resumed (owner).")
    @APIResponse(responseCode = "200", description = "The promotion, now PAUSED.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<PromotionView> pause(@PathParam("id") String id) {
        return promotions.pause(id, caller.id());
    }

    @POST
    @Path("/resume")
    @Operation(operationId = "resumePromotion", summary = "Resume a promotion",
            description = "Serves a paused promotion again (owner).")
    @APIResponse(responseCode = "200", description = "The promotion, serving again.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<PromotionView> resume(@PathParam("id") String id) {
        return promotions.resume(id, caller.id());
    }
}
