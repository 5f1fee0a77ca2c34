package io.circles.merchant.content;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A merchant's products: the owner lists and edits, anyone browses. */
@Tag(name = "Products", description = "A merchant's products, shown as cards on its posts.")
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
    @Operation(operationId = "createProduct", summary = "List a product for sale",
            description = "Adds a product (owner of an ACTIVE merchant): its own title, price, stock and images, "
                    + "or offerId to adopt a sourcing offer; 201.")
    @APIResponse(responseCode = "201", description = "The product; Location names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "挂耳咖啡", value = """
            {
              "title": "云南保山挂耳咖啡 10 包装",
              "priceCents": 5900,
              "currency": "CNY",
              "stock": 200,
              "images": ["https://cdn.circles.dev/m/drip.jpg"]
            }
            """)))
    public Uni<Response> list(@PathParam("id") String merchantId, @NotNull @Valid ListProductRequest request) {
        return products.list(merchantId, caller.id(), request)
                .map(product -> Response.created(URI.create("/api/merchants/" + merchantId + "/products/"
                        + product.id())).entity(product).build());
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List a merchant's products",
            description = "The merchant's products, newest first.")
    @APIResponse(responseCode = "200", description = "A page of products.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<ProductView>> browse(@PathParam("id") String merchantId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return products.browse(merchantId, caller.id(), caller.isPlatformAdmin(), Cursor.decode(cursor),
                Cursor.limit(limit));
    }

    @PATCH
    @Path("/{productId}")
    @Operation(operationId = "updateProduct", summary = "Edit a product",
            description = "Replaces the fields present (owner).")
    @APIResponse(responseCode = "200", description = "The product as edited.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "降价补货", value = """
            {
              "priceCents": 4900,
              "stock": 500
            }
            """)))
    public Uni<ProductView> update(@PathParam("id") String merchantId, @PathParam("productId") String productId,
            @NotNull @Valid UpdateProductRequest request) {
        return products.update(merchantId, productId, caller.id(), request);
    }
}
