package io.circles.community.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.circles.community.web.Page;
import io.circles.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trending topics: the tags on the most visible posts of the last 24 hours. Only public communities count, so a
 * private community's topics never show to outsiders, and a removed post stops counting at once.
 */
@ApplicationScoped
public class TopicService {

    private static final String TRENDING = """
            select t.tag, count(*) as post_count
            from post_topic t
            join post p on p.id = t.post_id
            join community c on c.id = p.community_id
            where t.created_at > now() - interval '24 hours'
              and p.status = 'VISIBLE' and c.status = 'ACTIVE' and c.visibility = 'PUBLIC'
              and ($1::text is null or lower(c.city) = $1)
            group by t.tag
            order by post_count desc, t.tag
            limit $2""";

    private final Pool pool;

    TopicService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<TrendingTopic>> trending(String city, int limit) {
        String cityKey = null;
        if (city != null && !city.isBlank()) {
            if (city.length() > 80) {
                throw ProblemException.badRequest("city", "size must be between 1 and 80");
            }
            cityKey = city.strip().toLowerCase(Locale.ROOT);
        }
        return pool.preparedQuery(TRENDING).execute(Tuple.of(cityKey, limit)).map(rows -> {
            List<TrendingTopic> items = new ArrayList<>();
            rows.forEach(row -> items.add(new TrendingTopic(row.getString("tag"), row.getLong("post_count"))));
            return new Page<>(items, null);
        });
    }

    /** A topic and how many visible posts carried it in the last 24 hours. */
    public record TrendingTopic(String tag, long postCount) {
    }
}
