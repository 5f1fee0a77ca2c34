-- The review queue: merchants waiting for a platform-admin, oldest first.
create index merchant_review_queue on merchant (status, created_at, id) where status <> 'ACTIVE';

-- The products a merchant post carries (up to nine, in the order the merchant chose); cards are read through it.
create table merchant_post_product (
    post_id    text    not null references merchant_post (id),
    product_id text    not null references product (id),
    position   integer not null,
    primary key (post_id, product_id)
);

create index merchant_post_product_by_product on merchant_post_product (product_id);

-- The sourcing catalogue. A merchant adopts an offer into a product of its own: the product copies the title and
-- images and sets its own retail price, so later changes to the offer never touch the merchant's price.
create table sourcing_offer (
    id                    text primary key,
    title                 text        not null,
    category              text        not null,
    supplier              text        not null,
    wholesale_price_cents bigint      not null check (wholesale_price_cents >= 0),
    currency              text        not null,
    min_order             integer     not null check (min_order > 0),
    images                text[]      not null,
    adoption_count        integer     not null default 0 check (adoption_count >= 0),
    created_at            timestamptz not null
);

create index sourcing_offer_recent on sourcing_offer (created_at desc, id desc);
create index sourcing_offer_by_category on sourcing_offer (category, created_at desc, id desc);

alter table product add column offer_id text references sourcing_offer (id);
-- One adoption per merchant and offer: the index decides between concurrent adoptions, and adoption_count counts
-- merchants.
create unique index product_adopted_once on product (merchant_id, offer_id) where offer_id is not null;

-- Clicks on sponsored slots, one per impression: the primary key makes a repeated click a no-op.
create table promotion_click (
    impression_id text primary key,
    promotion_id  text        not null,
    user_id       text        not null,
    clicked_at    timestamptz not null
);

create index promotion_click_by_promotion on promotion_click (promotion_id);
