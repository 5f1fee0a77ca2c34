package io.circles.feed.admin;

import static io.circles.platform.openapi.ProblemResponses.FORBIDDEN;

import java.util.List;

import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Operator command: rebuild the feed's Redis state from the topics. Platform admins only. */
@Tag(name = "Operations", description = "Operator commands for platform-admins.")
@Path("/api/feeds/admin/rebuild")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final Caller caller;
    private final Rebuild rebuild;

    RebuildResource(Caller caller, Rebuild rebuild) {
        this.caller = caller;
        this.rebuild = rebuild;
    }

    @POST
    @ResponseStatus(202)
    @Operation(operationId = "rebuildFeeds", summary = "Rebuild the feeds from the topics",
            description = "Rewinds the feed's consumers to the start of their topics and rebuilds its Redis state "
                    + "(platform-admin); 202 with the channels rewound.")
    @APIResponse(responseCode = "202", description = "The rebuild started.")
    @APIResponse(responseCode = "403", ref = FORBIDDEN)
    public Uni<RebuildStarted> rebuild() {
        caller.id();
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("only platform admins may rebuild the feeds");
        }
        return rebuild.start().map(channels -> new RebuildStarted("REBUILDING", channels));
    }

    /** What the command did: the channels rewound to the start of their topics. */
    public record RebuildStarted(String status, List<String> channels) {
    }
}
