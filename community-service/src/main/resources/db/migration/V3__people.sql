-- A person's public profile; a person without a row shows their user id as display name and no avatar.
create table profile (
    user_id          text primary key,
    display_name     text        not null,
    bio              text,
    city             text,
    interests        text[]      not null default '{}',
    avatar_media_id  text,
    avatar_url       text,
    updated_at       timestamptz not null
);

-- Who blocked whom. Private: read only for the blocker's own lists and the checks that hide the blocked person's
-- content from the blocker; the primary key serves "does X block Y" and the blocker's list.
create table person_block (
    blocker_id  text        not null,
    blocked_id  text        not null,
    created_at  timestamptz not null,
    primary key (blocker_id, blocked_id)
);

create index person_block_list on person_block (blocker_id, created_at, blocked_id);
