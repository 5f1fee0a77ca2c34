-- Consumer-side dedupe: one row per (consumer, ce_id) written in the same transaction as the event's effect,
-- so a redelivered event is recognised and changes nothing.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
