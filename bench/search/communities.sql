-- GET /api/communities?q=… (page 1, by relevance), as DiscoveryQuery writes it.
\set n random(1, 50000)
select * from (select c.id, c.name, c.description, c.interests, c.city, c.lat, c.lon, c.visibility,
        c.join_question, c.owner_id, c.member_count, c.status, c.created_at, m.role as my_role, m.status as my_status,
        null::double precision as distance, ts_rank(c.search, query) as rank
    from community c cross join search_query(:q) as query
    left join membership m on m.community_id = c.id and m.user_id = 'bench-user-' || :n
    where c.status = 'ACTIVE' and c.search @@ query) s
order by s.rank desc, s.id limit 21;
