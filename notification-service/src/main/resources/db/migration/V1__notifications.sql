-- What the service must know to find recipients, kept from the topics it consumes (no other service's tables).

-- Communities: visibility decides whether a member who left may still hear about one.
create table community (
    id         text primary key,
    name       text,
    visibility text not null default 'PUBLIC'
);

-- Members and their role (owners and moderators receive join requests); LEFT keeps those who left or were banned.
create table community_member (
    community_id text not null,
    user_id      text not null,
    role         text not null,
    status       text not null,
    primary key (community_id, user_id)
);
create index community_member_moderators on community_member (community_id) where role in ('OWNER', 'MODERATOR');

-- Pending requests to join: a member-joined event that ends one is an approval, not a direct join.
create table join_request (
    community_id text not null,
    user_id      text not null,
    primary key (community_id, user_id)
);

create table post (
    id           text primary key,
    community_id text not null,
    author_id    text not null
);

create table activity (
    id           text primary key,
    community_id text,
    title        text
);

-- GOING and WAITLISTED attendees: who hears of an activity's change or cancellation.
create table attendee (
    activity_id text not null,
    user_id     text not null,
    status      text not null,
    primary key (activity_id, user_id)
);

create table merchant (
    id       text primary key,
    owner_id text not null,
    name     text
);

create table block (
    blocker_id text not null,
    blocked_id text not null,
    primary key (blocker_id, blocked_id)
);

create table profile (
    user_id      text primary key,
    display_name text,
    avatar_url   text
);

-- One row per notification a user sees. A grouped one (likes of a post) has a group_key while unread: the next like
-- of that post updates it; once read it leaves the group (the unique index covers unread rows only).
create table notification (
    id           uuid primary key,
    recipient_id text        not null,
    type         text        not null,
    created_at   timestamptz not null,
    latest_at    timestamptz not null,
    read         boolean     not null default false,
    actor_ids    text[]      not null default '{}',
    count        integer     not null default 1,
    subject_kind text        not null,
    subject_id   text        not null,
    community_id text,
    activity_id  text,
    merchant_id  text,
    detail       text,
    group_key    text,
    -- The event that created it (for a group, the first like): one event never makes two rows for one recipient.
    event_id     text        not null
);
create index notification_recipient_latest on notification (recipient_id, latest_at desc, id desc);
create index notification_recipient_unread on notification (recipient_id) where not read;
create unique index notification_open_group on notification (recipient_id, group_key)
    where not read and group_key is not null;
create index notification_latest on notification (latest_at);

-- Exactly once: one row per (event, recipient), written in the statement that writes the notification.
create table notification_delivery (
    event_id     text        not null,
    recipient_id text        not null,
    delivered_at timestamptz not null default now(),
    primary key (event_id, recipient_id)
);
create index notification_delivery_at on notification_delivery (delivered_at);
