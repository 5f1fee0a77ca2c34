package io.circles.media.storage;

import io.circles.platform.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Served media. No token: an {@code <img>} or {@code <video>} cannot send one, so the random name is the capability,
 * as with any CDN URL. The bytes behind a name never change, so browsers and caches keep them for a year.
 */
@Path(ServedFiles.PATH + "{name}")
@PermitAll
public class FileResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final ObjectStorage storage;

    FileResource(ObjectStorage storage) {
        this.storage = storage;
    }

    @GET
    @Blocking
    public Response get(@PathParam("name") String name) {
        return ServedFiles.keyOfName(name)
                .flatMap(storage::open)
                .map(object -> Response.ok(object)
                        .type(object.response().contentType())
                        .header("Content-Length", object.response().contentLength())
                        .header("Cache-Control", CACHE_FOREVER)
                        .header("ETag", object.response().eTag())
                        .header("X-Content-Type-Options", "nosniff")
                        .build())
                .orElseThrow(() -> ProblemException.notFound("no media file " + name));
    }
}
