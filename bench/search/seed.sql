-- Seeds a community-service database for the search benchmark: 100,000 communities and 1,000,000 posts whose names and
-- texts are Chinese, Latin and mixed, drawn from a small vocabulary so that common words match many rows (the hard
-- case) and rare ones few. Run against an empty, migrated database: psql -v ON_ERROR_STOP=1 -f seed.sql
\set ON_ERROR_STOP on
select setseed(0.42);

create temporary table words as
select w, row_number() over () as n from unnest(array[
    '咖啡', '手冲', '拿铁', '西湖', '龙井', '喝茶', '徒步', '露营', '骑行', '跑步', '摄影', '美食', '读书', '音乐', '宠物',
    '桌游', '钓鱼', '爬山', '周末', '杭州', '上海', '北京', '成都', '深圳', '夜跑', '晨练', '烘焙', '红酒', '茶馆', '书店',
    '山里', '湖边', '公园', '小路', '俱乐部', '社团', '聚会', '分享', '新手', '老友', 'coffee', 'latte', 'hiking', 'camping',
    'cycling', 'running', 'photo', 'food', 'books', 'music', 'pets', 'wine', 'tea', 'club', 'weekend', 'morning',
    'trail', 'lake', 'city', 'friends']) as w;

-- A run of k vocabulary words chosen by a hash of (salt, position), every other one glued to the previous (Chinese is
-- written without spaces).
create function pg_temp.pick_words(k integer, salt bigint) returns text language sql as $$
    select string_agg(words.w, case when g % 2 = 0 then '' else ' ' end order by g)
    from generate_series(1, k) g join words on words.n = 1 + abs(hashint8(salt * 31 + g)) % 60
$$;

insert into community (id, name, description, interests, city, lat, lon, visibility, owner_id, member_count, status,
                       created_at, updated_at)
select 'bench-c-' || i,
       pg_temp.pick_words(2 + (i % 2), i) || '社',
       pg_temp.pick_words(6 + (i % 5), i + 1),
       array[(array['coffee', 'tea', 'hiking', 'camping', 'cycling', 'running', 'photography', 'food'])[1 + i % 8]],
       (array['Hangzhou', 'Shanghai', 'Beijing', 'Chengdu', 'Shenzhen'])[1 + i % 5],
       30 + random(), 120 + random(),
       case when i % 10 = 0 then 'PRIVATE' else 'PUBLIC' end,
       'bench-owner-' || (i % 5000), (random() * 500)::int, 'ACTIVE',
       now() - (i || ' minutes')::interval, now()
from generate_series(1, 100000) i;

insert into post (id, community_id, author_id, text, media, status, created_at, updated_at)
select 'bench-p-' || i, 'bench-c-' || (1 + (i * 7) % 100000), 'bench-user-' || (i % 50000),
       pg_temp.pick_words(8 + (i % 12), i), '[]', case when i % 50 = 0 then 'DELETED' else 'VISIBLE' end,
       now() - (i || ' seconds')::interval, now()
from generate_series(1, 1000000) i;

insert into membership (community_id, user_id, role, status, created_at)
select 'bench-c-' || (1 + (i * 13) % 100000), 'bench-user-' || (i % 50000), 'MEMBER', 'MEMBER', now()
from generate_series(1, 200000) i
on conflict do nothing;

analyze;
