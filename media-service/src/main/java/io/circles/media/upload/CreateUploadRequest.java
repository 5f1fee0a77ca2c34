package io.circles.media.upload;

import jakarta.validation.constraints.Size;

/** {@code POST /api/media}: what the client is about to upload; checked by {@link UploadRules}. */
public record CreateUploadRequest(
        @Size(max = 10) String type,
        @Size(max = 100) String contentType,
        Long sizeBytes) {
}
