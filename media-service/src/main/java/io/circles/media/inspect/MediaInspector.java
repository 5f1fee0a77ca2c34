package io.circles.media.inspect;

import io.circles.media.storage.ObjectStorage;
import io.circles.media.storage.ServedFiles;
import io.circles.media.upload.UploadRules;
import io.circles.platform.media.MediaRules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads an upload back from the store and decides from its bytes whether it is what was declared; blocking, for worker
 * threads. An accepted image is stored again, cleaned, with a thumbnail; an accepted video is copied as it is. Either
 * way the object is served under a new random name, and the upload object is emptied but kept, so the upload URL
 * (valid a while longer) can neither replace what is served nor write the upload key again.
 */
@ApplicationScoped
public class MediaInspector {

    private final ObjectStorage storage;

    MediaInspector(ObjectStorage storage) {
        this.storage = storage;
    }

    public Inspection inspectAndStore(String uploadKey, String type, String declaredType, long declaredSize)
            throws Refused {
        long size = storage.size(uploadKey).orElseThrow(() -> new Refused("nothing was uploaded"));
        long max = MediaRules.VIDEO.equals(type) ? UploadRules.MAX_VIDEO_BYTES : UploadRules.MAX_IMAGE_BYTES;
        if (size != declaredSize || size > max) {
            throw new Refused("the upload is " + size + " bytes, not the " + declaredSize + " declared");
        }
        byte[] prefix = storage.range(uploadKey, 0, (int) Math.min(size, ContentSniffer.PREFIX_BYTES));
        String detected = ContentSniffer.detect(prefix);
        if (!detected.equals(declaredType)) {
            throw new Refused("the file is " + detected + ", not the " + declaredType + " declared");
        }
        String token = ServedFiles.newToken();
        String extension = UploadRules.extension(declaredType);
        String objectKey = ServedFiles.objectKey(token, extension);
        if (MediaRules.VIDEO.equals(type)) {
            int seconds = Mp4Duration.seconds((offset, length) -> storage.range(uploadKey, offset, length), size);
            if (seconds > MediaRules.MAX_VIDEO_SECONDS) {
                throw new Refused("the video lasts " + seconds + " s, more than " + MediaRules.MAX_VIDEO_SECONDS);
            }
            storage.copy(uploadKey, objectKey);
            storage.tombstone(uploadKey);
            return new Inspection(objectKey, null, declaredType, size, null, null, seconds);
        }
        ImageProcessor.Processed image = ImageProcessor.process(storage.read(uploadKey), declaredType);
        String thumbnailKey = ServedFiles.thumbnailKey(token, extension);
        storage.put(objectKey, image.image(), declaredType);
        storage.put(thumbnailKey, image.thumbnail(), declaredType);
        storage.tombstone(uploadKey);
        return new Inspection(objectKey, thumbnailKey, declaredType, image.image().length, image.width(),
                image.height(), null);
    }
}
