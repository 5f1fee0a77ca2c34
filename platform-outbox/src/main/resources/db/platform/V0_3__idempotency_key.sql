-- Idempotency-Key of creating POSTs: claimed in the create's transaction, then filled with the first response,
-- which a retry by the same user in the same scope gets back. request_hash refuses a key reused for another body.
create table idempotency_key (
    user_id      text        not null,
    scope        text        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       integer,
    location     text,
    body         text,
    created_at   timestamptz not null,
    primary key (user_id, scope, idem_key)
);
