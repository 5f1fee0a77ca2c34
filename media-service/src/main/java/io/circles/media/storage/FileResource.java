package io.circles.media.storage;

import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.platform.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Served media. No token: an {@code <img>} or {@code <video>} cannot send one, so the random name is the capability,
 * as with any CDN URL. The bytes behind a name never change, so browsers and caches keep them for a year.
 */
@Tag(name = "Files", description = "The stored media files themselves, served without a token.")
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
    @Operation(operationId = "getMediaFile", summary = "Download a media file",
            description = "The stored bytes of a media file; the random name is the capability, as with any CDN "
                    + "URL, and the bytes behind a name never change (cached for a year).")
    @APIResponse(responseCode = "200", description = "The file's bytes, with its image or video content type.",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
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
