package io.circles.media.upload;

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

/** Uploads: sign a PUT, then complete once the bytes are stored; the uploader reads its media back. */
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
    public Uni<Response> create(@NotNull @Valid CreateUploadRequest request) {
        return media.create(caller.id(), request)
                .map(ticket -> Response.created(URI.create("/api/media/" + ticket.id())).entity(ticket).build());
    }

    @POST
    @Path("/{id}/complete")
    public Uni<MediaView> complete(@PathParam("id") @Size(max = 64) String id) {
        return media.complete(caller.id(), id);
    }

    @GET
    @Path("/{id}")
    public Uni<MediaView> view(@PathParam("id") @Size(max = 64) String id) {
        return media.view(caller.id(), caller.isPlatformAdmin(), id);
    }
}
