package io.circles.merchant.promotion;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Launching a promotion of one of a merchant's posts. */
@Tag(name = "Promotions", description = "Promoted posts: launch, progress, results, pause and resume.")
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
    @Operation(operationId = "launchPromotion", summary = "Promote a merchant post",
            description = "Buys a budget of sponsored impressions for one of the merchant's posts, shown to users "
                    + "matching the targeting between startsAt and endsAt (owner); 201 ACTIVE. A retry with the "
                    + "same Idempotency-Key returns the first response.")
    @APIResponse(responseCode = "201", description = "The promotion, ACTIVE; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "桂花拿铁推广", value = """
            {
              "postId": "mp-5d1e9a",
              "budgetImpressions": 10000,
              "targeting": {"interests": ["coffee", "food"], "cities": ["杭州"]},
              "startsAt": "2026-12-08T00:00:00Z",
              "endsAt": "2026-12-15T00:00:00Z"
            }
            """)))
    public Uni<Response> launch(@PathParam("id") String merchantId, @NotNull @Valid LaunchPromotionRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return promotions.launch(merchantId, caller.id(), request, idempotencyKey)
                .map(IdempotencyKeys.StoredResponse::toResponse);
    }
}
