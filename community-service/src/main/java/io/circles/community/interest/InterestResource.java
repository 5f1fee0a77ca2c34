package io.circles.community.interest;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves the interest taxonomy. */
@Tag(name = "Interests", description = "The interest taxonomy communities and people pick from.")
@Path("/api/interests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InterestResource {

    /** The list envelope every list in the API uses; the taxonomy fits in one page. */
    public record InterestPage(List<Interests.Interest> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listInterests", summary = "List the interest taxonomy",
            description = "Every interest (coffee, wine, camping, hiking, ...) in one page.")
    @APIResponse(responseCode = "200", description = "The whole taxonomy.")
    public InterestPage list() {
        return new InterestPage(Interests.ALL, null);
    }
}
