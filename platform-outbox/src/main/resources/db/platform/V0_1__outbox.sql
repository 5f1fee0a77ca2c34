-- The transactional outbox: a row per event, written in the same transaction as the change it describes.
-- The relay publishes rows in seq order per record key and deletes them once Kafka has acknowledged them.
create table outbox_event (
    id          uuid primary key,
    seq         bigint generated always as identity,
    topic       text        not null,
    record_key  text        not null,
    type        text        not null,
    source      text        not null,
    subject     text,
    occurred_at timestamptz not null,
    payload     text        not null,
    attempts    integer     not null default 0,
    last_error  text
);

create index outbox_event_seq on outbox_event (seq);
create index outbox_event_key_seq on outbox_event (record_key, seq);

-- Wakes the relay as soon as a transaction that wrote events commits (NOTIFY is delivered on commit only).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end;
$$;

create trigger outbox_event_inserted
    after insert on outbox_event
    for each statement execute function outbox_event_notify();
