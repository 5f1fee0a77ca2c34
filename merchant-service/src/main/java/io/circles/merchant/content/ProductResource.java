package io.circles.merchant.content;

import java.net.URI;

import io.circles.merchant.web.Cursor;
import io.circles.merchant.web.Page;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A merchant's products: the owner lists and edits, anyone browses. */
@Path("/api/merchants/{id}/products")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;
    private final Caller caller;

    ProductResource(ProductService products, Caller caller) {
        this.products = products;
        this.caller = caller;
    }

    @POST
    public Uni<Response> list(@PathParam("id") String merchantId, @NotNull @Valid ListProductRequest request) {
        return products.list(merchantId, caller.id(), request)
                .map(product -> Response.created(URI.create("/api/merchants/" + merchantId + "/products/"
                        + product.id())).entity(product).build());
    }

    @GET
    public Uni<Page<ProductView>> browse(@PathParam("id") String merchantId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return products.browse(merchantId, caller.id(), caller.isPlatformAdmin(), Cursor.decode(cursor),
                Cursor.limit(limit));
    }

    @PATCH
    @Path("/{productId}")
    public Uni<ProductView> update(@PathParam("id") String merchantId, @PathParam("productId") String productId,
            @NotNull @Valid UpdateProductRequest request) {
        return products.update(merchantId, productId, caller.id(), request);
    }
}
