package io.circles.merchant.sourcing;

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

/** The product sourcing catalogue: written by platform-admins, searched by merchant owners. */
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
    public Uni<Response> create(@NotNull @Valid CreateOfferRequest request) {
        caller.id();
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only a platform-admin may add sourcing offers");
        }
        return sourcing.create(request).map(offer -> Response.created(URI.create("/api/sourcing/offers/" + offer.id()))
                .entity(offer).build());
    }
}
