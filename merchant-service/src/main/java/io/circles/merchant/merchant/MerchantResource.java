package io.circles.merchant.merchant;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Merchant life accounts: onboarding, profiles, search and review. */
@Tag(name = "Merchants", description = "Merchant life accounts: onboarding, profiles, search and review.")
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
    @Operation(operationId = "onboardMerchant", summary = "Onboard a merchant",
            description = "Creates the caller's merchant: 201, ACTIVE for a low-risk category with a valid "
                    + "licence, else PENDING_REVIEW. One merchant per licence (409). A retry with the same "
                    + "Idempotency-Key returns the first response.")
    @APIResponse(responseCode = "201", description = "The merchant, ACTIVE or PENDING_REVIEW; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "湖畔咖啡", value = """
            {
              "name": "湖畔咖啡",
              "category": "cafe",
              "city": "杭州",
              "location": {"lat": 30.2592, "lon": 120.1480},
              "licenseNumber": "91330106MA2KXXXX1A"
            }
            """)))
    public Uni<Response> onboard(@NotNull @Valid OnboardMerchantRequest request,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return merchants.onboard(caller.id(), request, idempotencyKey).map(IdempotencyKeys.StoredResponse::toResponse);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMerchant", summary = "Read a merchant",
            description = "The merchant's profile with followerCount; a merchant not ACTIVE only to its owner and "
                    + "platform-admins.")
    @APIResponse(responseCode = "200", description = "The merchant.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return merchants.get(id, caller.id(), caller.isPlatformAdmin());
    }

    @GET
    @Operation(operationId = "searchMerchants", summary = "Search merchants",
            description = "ACTIVE merchants by city, category and words in q (Chinese-aware); near=lat,lon sorts "
                    + "by distance and returns distanceKm. With status (platform-admins only), the review queue, "
                    + "oldest first.")
    @APIResponse(responseCode = "200", description = "A page of merchants.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
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
    @Operation(operationId = "approveMerchant", summary = "Approve a merchant",
            description = "Makes a merchant under review ACTIVE (platform-admin).")
    @APIResponse(responseCode = "200", description = "The merchant, now ACTIVE.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    public Uni<MerchantView> approve(@PathParam("id") String id) {
        requireAdmin();
        return merchants.approve(id, caller.id());
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "suspendMerchant", summary = "Suspend a merchant",
            description = "Suspends the merchant (platform-admin): it leaves search, its posts leave every feed "
                    + "and its promotions stop serving at once. The body, with a reason, is optional.")
    @APIResponse(responseCode = "200", description = "The merchant, now SUSPENDED.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SuspendRequest.class),
            examples = @ExampleObject(name = "暂停营业执照存疑的商家", value = """
            {
              "reason": "营业执照信息与实际经营不符"
            }
            """)))
    public Uni<MerchantView> suspend(@PathParam("id") String id, String body) throws JsonProcessingException {
        requireAdmin();
        SuspendRequest request = optionalBody.read(body, SuspendRequest.class);
        return merchants.suspend(id, caller.id(), request == null ? null : request.reason());
    }

    @POST
    @Path("/{id}/reject")
    @Operation(operationId = "rejectMerchant", summary = "Reject a merchant under review",
            description = "Refuses a merchant waiting for review, with a reason its owner is told "
                    + "(platform-admin).")
    @APIResponse(responseCode = "200", description = "The merchant, now REJECTED.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "资料不全", value = """
            {
              "reason": "请补充食品经营许可证"
            }
            """)))
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
