package io.circles.media.upload;

import java.time.Instant;
import java.util.Map;

/** Where and how to PUT the bytes: the URL is valid until expiresAt, for the signed headers only. */
public record UploadTicket(
        String id,
        String uploadUrl,
        String uploadMethod,
        Map<String, String> uploadHeaders,
        Instant expiresAt) {
}
