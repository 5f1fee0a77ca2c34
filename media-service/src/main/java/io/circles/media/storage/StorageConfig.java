package io.circles.media.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where objects live: any S3-compatible store, path-style; credentials come from the service's Secret. */
@ConfigMapping(prefix = "media.storage")
public interface StorageConfig {

    /** The endpoint this service talks to, e.g. {@code http://minio:9000}. */
    String endpoint();

    /**
     * The origin clients PUT to, put into pre-signed URLs: the gateway, whose {@code /<bucket>/**} route reaches the
     * same store with the host and path the signature covers, unchanged.
     */
    String publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    String bucket();

    String accessKey();

    String secretKey();
}
