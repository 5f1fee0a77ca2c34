package io.circles.merchant.sourcing;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;

import java.net.URI;

import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** The product sourcing catalogue: written by platform-admins, searched by merchant owners. */
@Tag(name = "Sourcing", description = "The product sourcing catalogue merchants adopt offers from.")
@Path("/api/sourcing/offers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourcingResource {

    private final SourcingService sourcing;
    private final Caller caller;

    SourcingResource(SourcingService sourcing, Caller caller) {
        this.sourcing = sourcing;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "searchSourcingOffers", summary = "Search sourcing offers",
            description = "Offers by category and words in q (merchant owners, platform-admins).")
    @APIResponse(responseCode = "200", description = "A page of offers.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    public Uni<Page<OfferView>> search(@QueryParam("category") String category, @QueryParam("q") String text,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        String callerId = caller.id();
        if (text != null && text.length() > 80) {
            throw ProblemException.badRequest("q", "must be at most 80 characters");
        }
        if (category != null && category.length() > 40) {
            throw ProblemException.badRequest("category", "must be at most 40 characters");
        }
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        Uni<Void> allowed = caller.isPlatformAdmin() ? Uni.createFrom().voidItem()
                : sourcing.requireMerchantOwner(callerId);
        return allowed.chain(() -> sourcing.search(category, text, after, size));
    }

    @POST
    @Operation(operationId = "createSourcingOffer", summary = "Add a sourcing offer",
            description = "Adds an offer to the catalogue (platform-admin); 201.")
    @APIResponse(responseCode = "201", description = "The offer; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "咖啡豆批发", value = """
            {
              "title": "云南保山小粒咖啡生豆 1kg",
              "category": "coffee",
              "supplier": "保山咖啡合作社",
              "wholesalePriceCents": 8800,
              "currency": "CNY",
              "minOrder": 10,
              "images": ["https://cdn.circles.dev/m/beans.jpg"]
            }
            """)))
    public Uni<Response> create(@NotNull @Valid CreateOfferRequest request) {
        caller.id();
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only a platform-admin may add sourcing offers");
        }
        return sourcing.create(request).map(offer -> Response.created(URI.create("/api/sourcing/offers/" + offer.id()))
                .entity(offer).build());
    }
}
