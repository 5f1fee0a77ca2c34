package io.circles.community.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.circles.community.web.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Communities you may like": the statement finds the eligible candidates and what the caller has in common with
 * each; {@link Recommendation} ranks them. Eligible means active and public, not one the caller belongs to or asked
 * to join, not one they are banned from. The caller's interests and cities are those of their communities.
 */
@ApplicationScoped
public class RecommendationService {

    /** Candidates scored in Java: enough for any page, few enough to rank in microseconds. */
    static final int CANDIDATES = 200;
    /** Recent members sampled per community of the caller: co-membership of a 10,000-member community stays cheap. */
    static final int PEERS_PER_COMMUNITY = 200;

    private static final String CANDIDATES_SQL = """
            with mine as (
                select c.id, c.interests, lower(c.city) as city
                from membership m join community c on c.id = m.community_id
                where m.user_id = $1 and m.status = 'MEMBER' and c.status = 'ACTIVE'
            ), peers as (
                select distinct p.user_id
                from mine cross join lateral (
                    select pm.user_id from membership pm
                    where pm.community_id = mine.id and pm.status = 'MEMBER' and pm.user_id <> $1
                    order by pm.created_at desc limit $2) p
            ), co as (
                select pm.community_id, count(*)::int as fellows
                from membership pm join peers on peers.user_id = pm.user_id
                where pm.status = 'MEMBER'
                group by pm.community_id
            ), taste as (
                select coalesce(array_agg(distinct i.interest), '{}') as interests,
                       coalesce(array_agg(distinct mine.city), '{}') as cities,
                       count(*) = 0 as newcomer
                from mine left join lateral unnest(mine.interests) as i(interest) on true
            ), candidates as (
                select c.id, c.name, c.description, c.interests, c.city, c.lat, c.lon, c.visibility, c.owner_id,
                       c.member_count, c.created_at, coalesce(co.fellows, 0) as fellows,
                       (select count(*)::int from unnest(c.interests) ci where ci = any (taste.interests)) as shared,
                       lower(c.city) = any (taste.cities) as same_city
                from community c cross join taste left join co on co.community_id = c.id
                where c.status = 'ACTIVE' and c.visibility = 'PUBLIC'
                  and (co.fellows > 0 or c.interests && taste.interests or lower(c.city) = any (taste.cities)
                       or taste.newcomer)
                  and not exists (select 1 from membership m where m.community_id = c.id and m.user_id = $1)
                  and not exists (select 1 from community_ban b where b.community_id = c.id and b.user_id = $1)
            )
            select *, null::double precision as distance, null::text as my_role, null::text as my_status
            from candidates
            order by fellows desc, shared desc, same_city desc, member_count desc, id
            limit $3""";

    private final Pool pool;

    RecommendationService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<DiscoveryService.CommunitySummary>> recommend(String callerId, int limit) {
        return pool.preparedQuery(CANDIDATES_SQL).execute(Tuple.of(callerId, PEERS_PER_COMMUNITY, CANDIDATES))
                .map(rows -> {
                    List<Scored> scored = new ArrayList<>();
                    for (Row row : rows) {
                        scored.add(new Scored(row, Recommendation.score(row.getInteger("fellows"),
                                row.getInteger("shared"), row.getBoolean("same_city"), row.getInteger("member_count"))));
                    }
                    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                            .thenComparing(s -> s.row().getString("id")));
                    return new Page<>(scored.stream().limit(limit).map(s -> DiscoveryService.summary(s.row()))
                            .toList(), null);
                });
    }

    private record Scored(Row row, double score) {
    }
}
