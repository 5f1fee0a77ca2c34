package io.circles.merchant.promotion;

import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.identity.Caller;
import io.circles.platform.ratelimit.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Launching a promotion of one of a merchant's posts. */
@Path("/api/merchants/{id}/promotions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MerchantPromotionResource {

    private final PromotionService promotions;
    private final Caller caller;

    MerchantPromotionResource(PromotionService promotions, Caller caller) {
        this.promotions = promotions;
        this.caller = caller;
    }

    @POST
    @RateLimited(RateLimited.PROMOTION)
    public Uni<Response> launch(@PathParam("id") String merchantId, @NotNull @Valid LaunchPromotionRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return promotions.launch(merchantId, caller.id(), request, idempotencyKey)
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }
}
