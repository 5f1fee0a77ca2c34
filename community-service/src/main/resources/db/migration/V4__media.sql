-- The uploads media-service announced (media.events.v1): what {mediaId} in a post resolves to, and whose it is.
create table media_upload (
    media_id      text primary key,
    owner_id      text        not null,
    type          text        not null,
    url           text        not null,
    thumbnail_url text,
    width         integer,
    height        integer,
    duration_sec  integer,
    ready_at      timestamptz not null,
    deleted_at    timestamptz
);
