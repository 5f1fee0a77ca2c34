package io.circles.platform.media;

import io.circles.events.Media;
import jakarta.validation.constraints.Size;

/**
 * One attachment as a client sends it: an IMAGE {@code {url, width, height}} or a VIDEO
 * {@code {url, durationSec, coverUrl}}, or an upload of the caller's {@code {mediaId}} (a video's cover as
 * {@code coverMediaId}) that the service resolves to that form before the rules apply. Which fields apply and how
 * items combine is {@link MediaRules}' job; the type is a string so that an unknown one comes back as a field error
 * rather than an unreadable body.
 */
public record MediaItem(
        @Size(max = 10) String type,
        @Size(max = MediaRules.MAX_URL_LENGTH) String url,
        Integer width,
        Integer height,
        Integer durationSec,
        @Size(max = MediaRules.MAX_URL_LENGTH) String coverUrl,
        @Size(max = 64) String mediaId,
        @Size(max = 64) String coverMediaId) {

    /** An attachment given by URL. */
    public MediaItem(String type, String url, Integer width, Integer height, Integer durationSec, String coverUrl) {
        this(type, url, width, height, durationSec, coverUrl, null, null);
    }

    /** True when the client named an upload instead of a URL. */
    public boolean isUpload() {
        return mediaId != null;
    }

    /** The attachment as events and storage carry it, keeping only the fields of its type. */
    public Media toMedia() {
        return MediaRules.VIDEO.equals(type)
                ? new Media(type, url, null, null, durationSec, coverUrl)
                : new Media(type, url, width, height, null, null);
    }

    /** The request form of a stored attachment, to check it again together with changed text. */
    public static MediaItem of(Media media) {
        return new MediaItem(media.type(), media.url(), media.width(), media.height(), media.durationSec(),
                media.coverUrl());
    }
}
