-- Chinese-aware search of activities (q): title (weight A) and description (weight B) as bigrams, with the platform's
-- search_doc/search_query (db/platform/V0_5__search_functions.sql; why: docs/community-service.md, "Search").
alter table activity add column search tsvector generated always as (
    setweight(to_tsvector('simple', search_doc(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('simple', search_doc(coalesce(description, ''))), 'B')) stored;
create index activity_search on activity using gin (search);
