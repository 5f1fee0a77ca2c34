create table merchant (
    id             text primary key,
    owner_id       text             not null,
    name           text             not null,
    category       text             not null,
    city           text             not null,
    lat            double precision not null,
    lon            double precision not null,
    license_number text             not null,
    status         text             not null,
    follower_count integer          not null default 0 check (follower_count >= 0),
    post_count     integer          not null default 0 check (post_count >= 0),
    created_at     timestamptz      not null,
    updated_at     timestamptz      not null
);

-- One merchant per licence: the index, not a prior select, decides between concurrent onboardings.
create unique index merchant_license on merchant (license_number);
create index merchant_by_city on merchant (lower(city), created_at desc, id desc) where status = 'ACTIVE';
create index merchant_by_category on merchant (category, created_at desc, id desc) where status = 'ACTIVE';
create index merchant_recent on merchant (created_at desc, id desc) where status = 'ACTIVE';

create table follower (
    merchant_id text        not null references merchant (id),
    user_id     text        not null,
    created_at  timestamptz not null,
    primary key (merchant_id, user_id)
);

create table merchant_post (
    id          text primary key,
    merchant_id text        not null references merchant (id),
    author_id   text        not null,
    text        text,
    media       text        not null,
    status      text        not null,
    created_at  timestamptz not null,
    removed_at  timestamptz
);

create index merchant_post_recent on merchant_post (merchant_id, created_at desc, id desc) where status = 'PUBLISHED';

create table product (
    id          text primary key,
    merchant_id text        not null references merchant (id),
    title       text        not null,
    price_cents bigint      not null check (price_cents >= 0),
    currency    text        not null,
    stock       integer     not null check (stock >= 0),
    images      text[]      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create index product_recent on product (merchant_id, created_at desc, id desc);

create table promotion (
    id          text primary key,
    merchant_id text        not null references merchant (id),
    post_id     text        not null references merchant_post (id),
    budget      bigint      not null check (budget > 0),
    -- The check is the last line of defence: no code path may count past the budget.
    served      bigint      not null default 0 check (served >= 0 and served <= budget),
    status      text        not null,
    interests   text[]      not null,
    cities      text[]      not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- Every impression id ever received: the primary key makes a redelivered impression a no-op.
create table impression (
    impression_id text primary key,
    promotion_id  text        not null,
    user_id       text,
    counted       boolean     not null,
    served_at     timestamptz,
    received_at   timestamptz not null
);

create index impression_reach on impression (promotion_id, user_id) where counted;
