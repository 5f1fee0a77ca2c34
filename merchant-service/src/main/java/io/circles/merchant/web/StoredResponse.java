package io.circles.merchant.web;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A creating POST's response as first sent: replayed verbatim for a retry with the same Idempotency-Key. */
public record StoredResponse(int status, String location, String body) {

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (location != null) {
            builder.location(URI.create(location));
        }
        return builder.build();
    }
}
