package io.circles.media.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where objects live: any S3-compatible store, path-style; credentials come from the service's Secret. */
@ConfigMapping(prefix = "media.storage")
public interface StorageConfig {

    /** The endpoint this service talks to, e.g. {@code http://minio:9000}. */
    String endpoint();

    /**
     * The endpoint clients PUT to, put into pre-signed URLs: it must reach the same store with the same host and path
     * the signature covers (locally the gateway's {@code /media-store} route, which passes the path on unchanged).
     */
    String publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    String bucket();

    String accessKey();

    String secretKey();
}
