package io.circles.community.post;

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

/** Reports on a community's posts, for its owner and moderators. */
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
    public Uni<Page<PostViews.ReportView>> reports(@PathParam("id") String communityId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return reader.reports(communityId, caller.id(), caller.isPlatformAdmin(), page);
    }
}
