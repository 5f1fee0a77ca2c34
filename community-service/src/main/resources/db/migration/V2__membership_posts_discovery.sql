-- A ban outlives the membership it removed: it blocks rejoining until it is lifted.
create table community_ban (
    community_id text        not null references community (id),
    user_id      text        not null,
    banned_by    text        not null,
    reason       text,
    created_at   timestamptz not null,
    primary key (community_id, user_id)
);

-- Member lists and pending requests page by (joined at, user id).
create index membership_community_status on membership (community_id, status, created_at, user_id);

create table post (
    id             text primary key,
    community_id   text        not null references community (id),
    author_id      text        not null,
    text           text,
    media          text        not null default '[]',
    status         text        not null default 'VISIBLE',
    like_count     integer     not null default 0,
    comment_count  integer     not null default 0,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

-- Community timelines: newest first, keyset on (created_at, id).
create index post_community_created on post (community_id, created_at desc, id desc);

create table post_comment (
    id          text primary key,
    post_id     text        not null references post (id),
    author_id   text        not null,
    text        text        not null,
    created_at  timestamptz not null
);

create index post_comment_post_created on post_comment (post_id, created_at, id);

create table post_reaction (
    post_id     text        not null references post (id),
    user_id     text        not null,
    type        text        not null,
    created_at  timestamptz not null,
    primary key (post_id, user_id, type)
);

create table post_report (
    post_id      text        not null references post (id),
    reporter_id  text        not null,
    community_id text        not null,
    reason       text        not null,
    created_at   timestamptz not null,
    primary key (post_id, reporter_id)
);

create index post_report_community on post_report (community_id, created_at);

-- Discovery. Text search over name and description, ranked; 'simple' keeps names in any language searchable.
alter table community add column search tsvector generated always as (
    setweight(to_tsvector('simple', coalesce(name, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored;
create index community_search on community using gin (search);
create index community_interests on community using gin (interests);
-- Bounding-box prefilter for near=; the exact great-circle distance is computed on the survivors.
create index community_lat_lon on community (lat, lon);
create index community_city on community (lower(city));
create index community_new on community (created_at desc, id desc);
create index community_popular on community (member_count desc, id);
