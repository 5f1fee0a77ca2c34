-- A new merchant's first promotion gets free starter impressions on top of the budget it set: served counts against
-- both, so the guard moves from "served <= budget" to "served <= budget + starter_impressions".
alter table promotion add column starter_impressions bigint not null default 0 check (starter_impressions >= 0);

-- V1 declared the old guard inline, so PostgreSQL named it: find it by what it checks rather than by that name.
do $$
declare
    guard text;
begin
    for guard in select conname from pg_constraint
                 where conrelid = 'promotion'::regclass and contype = 'c'
                   and pg_get_constraintdef(oid) like '%served <= budget)%' loop
        execute format('alter table promotion drop constraint %I', guard);
    end loop;
end $$;

alter table promotion add constraint promotion_served_within_allowance
    check (served >= 0 and served <= budget + starter_impressions);
-- At most one promotion per merchant carries a starter: the last line of defence behind the launch's merchant lock.
create unique index promotion_one_starter on promotion (merchant_id) where starter_impressions > 0;
