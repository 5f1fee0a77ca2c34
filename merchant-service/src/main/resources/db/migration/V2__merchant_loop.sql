-- The review queue: merchants waiting for a platform-admin, oldest first.
create index merchant_review_queue on merchant (status, created_at, id) where status <> 'ACTIVE';
