-- Chinese-aware search of communities and posts with the platform's search_doc/search_query
-- (db/platform/V0_5__search_functions.sql; why bigrams: docs/community-service.md, "Search").

-- Communities: the same name (weight A) and description (weight B) search, now over bigrams.
drop index community_search;
alter table community drop column search;
alter table community add column search tsvector generated always as (
    setweight(to_tsvector('simple', search_doc(coalesce(name, ''))), 'A')
    || setweight(to_tsvector('simple', search_doc(coalesce(description, ''))), 'B')) stored;
create index community_search on community using gin (search);

-- Posts: their text, searchable by readers of the community (GET /api/posts?q=).
alter table post add column search tsvector generated always as (
    to_tsvector('simple', search_doc(coalesce(text, '')))) stored;
create index post_search on post using gin (search);
-- Post search and topic lists without q read newest first across communities.
create index post_created on post (created_at desc, id desc) where status = 'VISIBLE';

-- Topics: the hashtags of a post's text (io.circles.community.topic.Hashtags), replaced when the text is edited.
-- No foreign key: the topics are written in the post's transaction before Hibernate flushes the post itself, and every
-- read joins post anyway (which is also how a removed post leaves its topics).
create table post_topic (
    tag        text        not null,
    post_id    text        not null,
    created_at timestamptz not null,
    primary key (tag, post_id)
);
create index post_topic_tag_created on post_topic (tag, created_at desc, post_id desc);
create index post_topic_created on post_topic (created_at);
create index post_topic_post on post_topic (post_id);
