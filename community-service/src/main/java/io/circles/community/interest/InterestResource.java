package io.circles.community.interest;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Serves the interest taxonomy. */
@Path("/api/interests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InterestResource {

    /** The list envelope every list in the API uses; the taxonomy fits in one page. */
    public record InterestPage(List<Interests.Interest> items, String nextCursor) {
    }

    @GET
    public InterestPage list() {
        return new InterestPage(Interests.ALL, null);
    }
}
