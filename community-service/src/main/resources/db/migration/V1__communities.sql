create table community (
    id             text primary key,
    name           text             not null,
    description    text,
    interests      text[]           not null,
    city           text             not null,
    lat            double precision not null,
    lon            double precision not null,
    visibility     text             not null,
    join_question  text,
    owner_id       text             not null,
    member_count   integer          not null default 0,
    status         text             not null default 'ACTIVE',
    created_at     timestamptz      not null,
    updated_at     timestamptz      not null
);

create table membership (
    community_id text        not null references community (id),
    user_id      text        not null,
    role         text        not null,
    status       text        not null,
    answer       text,
    created_at   timestamptz not null,
    primary key (community_id, user_id)
);

create index membership_user on membership (user_id, status);
