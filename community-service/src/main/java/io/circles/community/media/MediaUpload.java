package io.circles.community.media;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An upload media-service announced READY (media.events.v1): the projection behind {@code {mediaId}} in posts. */
@Entity
@Table(name = "media_upload")
public class MediaUpload extends PanacheEntityBase {

    @Id
    @Column(name = "media_id")
    public String mediaId;

    @Column(name = "owner_id")
    public String ownerId;

    public String type;

    public String url;

    @Column(name = "thumbnail_url")
    public String thumbnailUrl;

    public Integer width;

    public Integer height;

    @Column(name = "duration_sec")
    public Integer durationSec;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
