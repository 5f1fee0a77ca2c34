package io.circles.media.upload;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.CONFLICT;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;
import static io.circles.platform.openapi.ProblemResponses.TOO_MANY_REQUESTS;
import static io.circles.platform.openapi.ProblemResponses.UNPROCESSABLE;

import java.net.URI;

import io.circles.platform.identity.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Uploads: sign a PUT, then complete once the bytes are stored; the uploader reads its media back. */
@Tag(name = "Media", description = "Image and video uploads: sign an upload, complete it, read it back.")
@Path("/api/media")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {

    private final MediaService media;
    private final Caller caller;

    MediaResource(MediaService media, Caller caller) {
        this.media = media;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUpload", summary = "Start an upload",
            description = "Signs a PUT of the bytes straight to object storage: 201 with uploadUrl, uploadMethod, "
                    + "uploadHeaders and expiresAt. Images (JPEG, PNG, WebP) up to 20 MB, videos (MP4) up to 200 "
                    + "MB, within a daily quota.")
    @APIResponse(responseCode = "201", description = "Where and how to PUT the bytes; Location names the media.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UploadTicket.class)))
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "一张 JPEG 照片", value = """
            {
              "type": "IMAGE",
              "contentType": "image/jpeg",
              "sizeBytes": 2457600
            }
            """)))
    public Uni<Response> create(@NotNull @Valid CreateUploadRequest request) {
        return media.create(caller.id(), request)
                .map(ticket -> Response.created(URI.create("/api/media/" + ticket.id())).entity(ticket).build());
    }

    @POST
    @Path("/{id}/complete")
    @Operation(operationId = "completeUpload", summary = "Complete an upload",
            description = "Checks the stored bytes (real type, size, dimensions), strips location and other "
                    + "metadata from images and makes a thumbnail: the READY media. A file that is not what it "
                    + "claims is deleted (422).")
    @APIResponse(responseCode = "200", description = "The READY media.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CONFLICT)
    @APIResponse(responseCode = "422", ref = UNPROCESSABLE)
    public Uni<MediaView> complete(@PathParam("id") @Size(max = 64) String id) {
        return media.complete(caller.id(), id);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMedia", summary = "Read a media item",
            description = "The media item's status, URLs and dimensions, for anyone who may see it.")
    @APIResponse(responseCode = "200", description = "The media item.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<MediaView> view(@PathParam("id") @Size(max = 64) String id) {
        return media.view(caller.id(), caller.isPlatformAdmin(), id);
    }
}
