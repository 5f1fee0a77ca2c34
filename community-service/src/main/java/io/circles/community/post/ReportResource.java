package io.circles.community.post;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reports on a community's posts, for its owner and moderators. */
@Tag(name = "Moderation")
@Path("/api/communities/{id}/reports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final PostReader reader;
    private final Caller caller;

    ReportResource(PostReader reader, Caller caller) {
        this.reader = reader;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listCommunityReports", summary = "List reports on a community's posts",
            description = "The reported posts and why (owner, moderator).")
    @APIResponse(responseCode = "200", description = "A page of reports.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Page<PostViews.ReportView>> reports(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.reports(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }
}
