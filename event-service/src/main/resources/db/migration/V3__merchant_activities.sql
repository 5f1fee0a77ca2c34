-- Projection of merchant-service's merchants (from merchant.events.v1): who owns a merchant and whether it is ACTIVE,
-- so this service decides on its own who may schedule a merchant's activities.
create table merchant (
    id          text primary key,
    owner_id    text        not null,
    -- ACTIVE, PENDING_REVIEW, SUSPENDED or REJECTED
    status      text        not null,
    updated_at  timestamptz not null
);

-- An activity is hosted by a community or by a merchant, never both.
alter table activity alter column community_id drop not null;
alter table activity add column merchant_id text;
alter table activity add constraint activity_one_host check ((community_id is null) <> (merchant_id is null));
create index activity_merchant on activity (merchant_id, starts_at, id) where merchant_id is not null;
