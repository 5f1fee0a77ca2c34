-- Chinese-aware search of activities (q): title (weight A) and description (weight B) as bigrams, with the platform's
-- search_doc/search_query (db/platform/V0_5__search_functions.sql; why: docs/community-service.md, "Search").
-- An expression index, not a stored column: the activity row stays exactly the entity's columns, which the list
-- query reads with a.*. ActivityService.SEARCH_DOC is the same expression, so the planner uses this index.
create index activity_search on activity using gin ((
    setweight(to_tsvector('simple', search_doc(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('simple', search_doc(coalesce(description, ''))), 'B')));
