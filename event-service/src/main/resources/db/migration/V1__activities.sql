-- Projection of community-service's communities and memberships (from community.events.v1): this service decides
-- on its own who may create, see and RSVP, without calling community-service.
create table community (
    id          text primary key,
    name        text             not null,
    interests   text[]           not null default '{}',
    city        text,
    visibility  text             not null,
    status      text             not null default 'ACTIVE',
    updated_at  timestamptz      not null
);

create table community_member (
    community_id text        not null,
    user_id      text        not null,
    role         text        not null,
    joined_at    timestamptz not null,
    primary key (community_id, user_id)
);

create index community_member_user on community_member (user_id);

create table activity (
    id              text primary key,
    community_id    text             not null,
    organizer_id    text             not null,
    title           text             not null,
    description     text,
    starts_at       timestamptz      not null,
    ends_at         timestamptz      not null,
    venue_name      text             not null,
    venue_address   text,
    lat             double precision not null,
    lon             double precision not null,
    capacity        integer          not null,
    rsvp_opens_at   timestamptz      not null,
    rsvp_closes_at  timestamptz      not null,
    status          text             not null,
    -- Seats taken by GOING parties (attendee + guests); changed only while the row is locked (select ... for update).
    going_seats     integer          not null default 0,
    waitlist_count  integer          not null default 0,
    -- Next waitlist ticket: handed out under the row lock, so ticket order is arrival order.
    next_ticket     bigint           not null default 1,
    reminded_at     timestamptz,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null
);

create index activity_upcoming on activity (starts_at, id) where status = 'SCHEDULED';
create index activity_community on activity (community_id, starts_at, id);
create index activity_reminder_due on activity (starts_at) where status = 'SCHEDULED' and reminded_at is null;

create table rsvp (
    activity_id     text        not null references activity (id),
    user_id         text        not null,
    status          text        not null,
    guests          integer     not null,
    waitlist_ticket bigint,
    waitlisted_at   timestamptz,
    checked_in_at   timestamptz,
    checked_in_by   text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (activity_id, user_id)
);

create index rsvp_waitlist on rsvp (activity_id, waitlist_ticket) where status = 'WAITLISTED';
create index rsvp_user on rsvp (user_id, status);
