-- The relay is now woken in-process once a transaction has committed (RelayAfterCommit) and sweeps for the rest.
-- A NOTIFY per writing transaction made PostgreSQL serialise all those commits (it holds a cluster-wide lock from
-- pre-commit until the commit is flushed): five times fewer writes per second under concurrency.
drop trigger if exists outbox_event_inserted on outbox_event;
drop function if exists outbox_event_notify();
