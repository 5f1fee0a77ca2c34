-- One row per upload, kept after deletion (status DELETED) so the daily quota counts what was uploaded.
create table media (
    id                 text primary key,
    owner_id           text        not null,
    type               text        not null check (type in ('IMAGE', 'VIDEO')),
    status             text        not null check (status in ('PENDING', 'READY', 'DELETED')),
    declared_type      text        not null,
    declared_size      bigint      not null check (declared_size > 0),
    upload_key         text        not null,
    -- Served objects: keys carry a random token, so a URL cannot be guessed from the media id.
    object_key         text,
    thumbnail_key      text,
    content_type       text,
    size_bytes         bigint,
    width              integer,
    height             integer,
    duration_sec       integer,
    created_at         timestamptz not null,
    ready_at           timestamptz,
    -- Set while a published post carries the media; removal of the last such post starts the grace period.
    attached_at        timestamptz,
    detached_at        timestamptz,
    deleted_at         timestamptz
);

create index media_by_owner_day on media (owner_id, created_at);
create index media_pending on media (created_at) where status = 'PENDING';
create index media_unattached on media (ready_at) where status = 'READY' and attached_at is null;
create index media_detached on media (detached_at) where status = 'READY' and detached_at is not null;
create unique index media_object_key on media (object_key);

-- Which published post carries which media (from community.posts.v1 and merchant.content.v1).
create table media_use (
    media_id   text        not null references media (id),
    post_id    text        not null,
    primary key (media_id, post_id)
);
create index media_use_by_post on media_use (post_id);
