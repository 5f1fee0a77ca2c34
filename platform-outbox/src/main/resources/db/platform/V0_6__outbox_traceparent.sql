-- The trace context of the request that wrote the event (W3C traceparent), sent on as the record's traceparent header
-- so the consumers' spans continue the request's trace. Null for events written outside any trace.
alter table outbox_event add column if not exists traceparent text;
