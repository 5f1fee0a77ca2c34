package io.circles.merchant.merchant;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.circles.platform.web.OptionalBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Merchant life accounts: onboarding, profiles, search and review. */
@Path("/api/merchants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MerchantResource {

    private final MerchantService merchants;
    private final NearbyMerchants nearby;
    private final ReviewService review;
    private final Caller caller;
    private final OptionalBody optionalBody;

    MerchantResource(MerchantService merchants, NearbyMerchants nearby, ReviewService review, Caller caller,
            OptionalBody optionalBody) {
        this.merchants = merchants;
        this.nearby = nearby;
        this.review = review;
        this.caller = caller;
        this.optionalBody = optionalBody;
    }

    @POST
    public Uni<Response> onboard(@NotNull @Valid OnboardMerchantRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return merchants.onboard(caller.id(), request, idempotencyKey).map(IdempotencyKeys.StoredResponse::toResponse);
    }

    @GET
    @Path("/{id}")
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return merchants.get(id, caller.id(), caller.isPlatformAdmin());
    }

    @GET
    public Uni<Page<MerchantView>> search(@QueryParam("city") String city, @QueryParam("category") String category,
            @QueryParam("q") String text, @QueryParam("near") String near, @QueryParam("radiusKm") String radiusKm,
            @QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        caller.id();
        if (status != null) {
            // the review queue: for platform-admins only, whatever other filters come with it
            requireAdmin();
            return review.queue(MerchantStatusParam.parse(status), Cursor.decode(cursor), Cursor.limit(limit));
        }
        if (text != null && text.length() > 80) {
            throw ProblemException.badRequest("q", "must be at most 80 characters");
        }
        if (near != null && !near.isBlank()) {
            return nearby.find(NearbyMerchants.Near.parse(near, radiusKm), city, category, text, Cursor.limit(limit));
        }
        if (radiusKm != null && !radiusKm.isBlank()) {
            throw ProblemException.badRequest("radiusKm", "radiusKm needs near=lat,lon");
        }
        return merchants.search(city, category, text, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    public Uni<MerchantView> approve(@PathParam("id") String id) {
        requireAdmin();
        return merchants.approve(id, caller.id());
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    public Uni<MerchantView> suspend(@PathParam("id") String id, String body) throws JsonProcessingException {
        requireAdmin();
        SuspendRequest request = optionalBody.read(body, SuspendRequest.class);
        return merchants.suspend(id, caller.id(), request == null ? null : request.reason());
    }

    @POST
    @Path("/{id}/reject")
    public Uni<MerchantView> reject(@PathParam("id") String id, @NotNull @Valid RejectRequest request) {
        requireAdmin();
        return review.reject(id, request.reason());
    }

    private void requireAdmin() {
        caller.id();
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only a platform-admin may review merchants");
        }
    }
}
