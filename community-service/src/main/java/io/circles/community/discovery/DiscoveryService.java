package io.circles.community.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.circles.community.community.CommunityView;
import io.circles.community.community.CreateCommunityRequest;
import io.circles.community.community.Visibility;
import io.circles.community.web.Page;
import io.circles.community.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs discovery queries; read-only, straight on the reactive pool. */
@ApplicationScoped
public class DiscoveryService {

    private final Pool pool;

    DiscoveryService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<CommunitySummary>> discover(DiscoveryQuery query, int limit) {
        return pool.preparedQuery(query.sql()).execute(Tuple.from(query.args())).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            List<CommunitySummary> items = list.stream().limit(limit).map(DiscoveryService::summary).toList();
            String next = null;
            if (list.size() > limit) {
                next = cursor(query.sort(), list.get(limit - 1));
            }
            return new Page<>(items, next);
        });
    }

    private static String cursor(DiscoveryQuery.Sort sort, Row row) {
        String key = switch (sort) {
            case NEW -> row.getOffsetDateTime("created_at").toInstant().toString();
            case POPULAR -> String.valueOf(row.getInteger("member_count"));
            case NEARBY -> String.valueOf(row.getDouble("distance"));
            case RELEVANCE -> String.valueOf(row.getFloat("rank"));
        };
        return PageRequest.encode(sort.name(), key, row.getString("id"));
    }

    static CommunitySummary summary(Row row) {
        String role = row.getString("my_role");
        Double distance = row.getDouble("distance");
        return new CommunitySummary(row.getString("id"), row.getString("name"), row.getString("description"),
                Arrays.asList(row.getArrayOfStrings("interests")), row.getString("city"),
                new CreateCommunityRequest.Location(row.getDouble("lat"), row.getDouble("lon")),
                Visibility.valueOf(row.getString("visibility")), row.getString("owner_id"),
                row.getInteger("member_count"), row.getOffsetDateTime("created_at").toInstant(),
                distance == null ? null : Math.round(distance * 1000) / 1000.0,
                role == null ? null : new CommunityView.MembershipView(role, row.getString("my_status")));
    }

    /** A community in discovery results; {@code distanceKm} is set when searching near a point. */
    public record CommunitySummary(
            String id,
            String name,
            String description,
            List<String> interests,
            String city,
            CreateCommunityRequest.Location location,
            Visibility visibility,
            String ownerId,
            int memberCount,
            Instant createdAt,
            Double distanceKm,
            CommunityView.MembershipView membership) {
    }
}
