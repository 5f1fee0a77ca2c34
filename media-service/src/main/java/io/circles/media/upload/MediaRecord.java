package io.circles.media.upload;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One upload, from the signed URL to deletion; kept as DELETED so the daily quota counts it. */
@Entity
@Table(name = "media")
public class MediaRecord extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String READY = "READY";
    public static final String DELETED = "DELETED";

    @Id
    public String id;

    @Column(name = "owner_id")
    public String ownerId;

    public String type;

    public String status;

    @Column(name = "declared_type")
    public String declaredType;

    @Column(name = "declared_size")
    public long declaredSize;

    @Column(name = "upload_key")
    public String uploadKey;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "thumbnail_key")
    public String thumbnailKey;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public Integer width;

    public Integer height;

    @Column(name = "duration_sec")
    public Integer durationSec;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "attached_at")
    public Instant attachedAt;

    @Column(name = "detached_at")
    public Instant detachedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
