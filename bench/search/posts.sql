-- GET /api/posts?q=… (page 1, newest first) for a user with a few memberships, as PostQuery writes it.
\set n random(1, 50000)
select p.id, p.community_id, p.author_id, p.text, p.media, p.like_count, p.comment_count, p.status, p.created_at,
       p.updated_at
from post p cross join search_query(:q) as query
join community c on c.id = p.community_id
where p.status = 'VISIBLE' and c.status = 'ACTIVE'
  and (c.visibility = 'PUBLIC' or exists (select 1 from membership m where m.community_id = c.id
       and m.user_id = 'bench-user-' || :n and m.status = 'MEMBER'))
  and p.search @@ query
order by p.created_at desc, p.id desc limit 21;
