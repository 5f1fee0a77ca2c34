package io.circles.media.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The bucket, through the S3 API. Every call blocks (the SDK's synchronous client over the JDK's HTTP stack): callers
 * run on worker threads, never on the event loop.
 */
@ApplicationScoped
@Startup
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    /** A pre-signed PUT: the URL and the headers the client must send exactly as signed. */
    public record PresignedUpload(String url, Map<String, String> headers) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    ObjectStorage(StorageConfig config) {
        AwsBasicCredentials credentials = AwsBasicCredentials.create(config.accessKey(), config.secretKey());
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        this.bucket = config.bucket();
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle)
                // Checksums only where the API requires them: S3-compatible stores (S3Proxy, older MinIO) answer 501
                // to the trailing-checksum uploads and checksum-mode reads the SDK otherwise sends by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(URI.create(config.publicEndpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(pathStyle)
                .build();
        ensureBucket();
    }

    /**
     * A URL that lets its holder PUT one object of exactly this type and length, once, until it expires. Once: the
     * signed {@code If-None-Match: *} makes the store refuse (412) a PUT to a key that already holds an object, and
     * the client cannot leave the header out, since it is signed.
     */
    public PresignedUpload presignPut(String key, String contentType, long length, Duration ttl) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p
                .signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(length)
                        .ifNoneMatch("*")));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            // The client sets Host and Content-Length itself (browsers refuse to): only the rest is for it to send.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return new PresignedUpload(signed.url().toString(), headers);
    }

    /** The object's length, or empty when nothing was uploaded under the key. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** length bytes from offset (fewer at the end of the object). */
    public byte[] range(String key, long offset, int length) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1))).asByteArray();
    }

    public byte[] read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    /** The object as a stream, or empty when it does not exist. */
    public Optional<ResponseInputStream<GetObjectResponse>> open(String key) {
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /**
     * Replaces the object with zero bytes, keeping its key. An upload key is spent this way rather than deleted: while
     * the key holds an object, the upload URL's conditional PUT is refused, whereas a delete would free the key for the
     * URL to write once more before it expires.
     */
    public void tombstone(String key) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.empty());
    }

    public void copy(String from, String to) {
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
    }

    /** Deletes the objects; deleting a key that is already gone is fine (jobs on two replicas may overlap). */
    public void delete(List<String> keys) {
        for (String key : keys) {
            if (key != null) {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            }
        }
    }

    /** Creates the bucket when the store has none (a fresh local or compose store); production buckets exist. */
    private void ensureBucket() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                s3.createBucket(r -> r.bucket(bucket));
            } else {
                LOG.warnf("cannot check bucket %s: %s", bucket, e.getMessage());
            }
        } catch (RuntimeException e) {
            // Not reachable yet: uploads fail until it is, readiness is not held back by it.
            LOG.warnf("object storage not reachable at start: %s", e.getMessage());
        }
    }

    /** content-type → Content-Type, if-none-match → If-None-Match: names as HTTP documents spell them. */
    private static String canonical(String header) {
        StringBuilder name = new StringBuilder(header.length());
        boolean start = true;
        for (char c : header.toCharArray()) {
            name.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == '-';
        }
        return name.toString();
    }

    @PreDestroy
    void close() {
        presigner.close();
        s3.close();
    }
}
