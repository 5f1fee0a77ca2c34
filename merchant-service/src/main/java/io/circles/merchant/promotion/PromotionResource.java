package io.circles.merchant.promotion;

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

/** A promotion, for its owner: progress, results, pause and resume. */
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
    public Uni<PromotionView> get(@PathParam("id") String id) {
        return promotions.get(id, caller.id(), caller.isPlatformAdmin());
    }

    @GET
    @Path("/stats")
    public Uni<PromotionStats> stats(@PathParam("id") String id) {
        return promotions.stats(id, caller.id(), caller.isPlatformAdmin());
    }

    @POST
    @Path("/pause")
    public Uni<PromotionView> pause(@PathParam("id") String id) {
        return promotions.pause(id, caller.id());
    }

    @POST
    @Path("/resume")
    public Uni<PromotionView> resume(@PathParam("id") String id) {
        return promotions.resume(id, caller.id());
    }
}
