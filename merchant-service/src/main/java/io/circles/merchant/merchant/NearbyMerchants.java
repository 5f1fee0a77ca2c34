package io.circles.merchant.merchant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.circles.merchant.web.Page;
import io.circles.platform.geo.BoundingBox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Active merchants near a point, nearest first with {@code distanceKm}, the way community discovery does it: a
 * latitude/longitude box narrows the candidates, the exact great-circle distance decides. One page of the nearest
 * {@code limit}: nobody pages through shops by distance.
 */
@ApplicationScoped
public class NearbyMerchants {

    public static final double DEFAULT_RADIUS_KM = 10;
    public static final double MAX_RADIUS_KM = 100;

    private static final String DISTANCE = "%s * 2 * asin(least(1, sqrt(power(sin(radians(lat - :lat) / 2), 2)"
            + " + cos(radians(:lat)) * cos(radians(lat)) * power(sin(radians(lon - :lon) / 2), 2))))";

    /** Parses {@code near=lat,lon} and {@code radiusKm}; 400 with the field on anything wrong. */
    public record Near(double lat, double lon, double radiusKm) {

        public static Near parse(String near, String radiusKm) {
            String[] parts = near.split(",");
            if (parts.length != 2) {
                throw ProblemException.badRequest("near", "must be lat,lon");
            }
            double lat = number("near", parts[0]);
            double lon = number("near", parts[1]);
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                throw ProblemException.badRequest("near", "lat must be within [-90, 90] and lon within [-180, 180]");
            }
            double radius = DEFAULT_RADIUS_KM;
            if (radiusKm != null && !radiusKm.isBlank()) {
                radius = number("radiusKm", radiusKm);
                if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
                    throw ProblemException.badRequest("radiusKm", "must be greater than 0 and at most "
                            + MAX_RADIUS_KM);
                }
            }
            return new Near(lat, lon, radius);
        }

        private static double number(String field, String value) {
            try {
                double parsed = Double.parseDouble(value.strip());
                if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest(field, "must be a number");
            }
        }
    }

    /** The nearest active merchants within the radius, filtered like search by city, category and name. */
    @WithSession
    public Uni<Page<MerchantView>> find(Near near, String city, String category, String text, int limit) {
        BoundingBox box = BoundingBox.around(near.lat(), near.lon(), near.radiusKm());
        String distance = String.format(Locale.ROOT, DISTANCE, BoundingBox.EARTH_RADIUS_KM);
        StringBuilder where = new StringBuilder("status = 'ACTIVE' and lat between :minLat and :maxLat");
        Map<String, Object> params = new HashMap<>();
        params.put("lat", near.lat());
        params.put("lon", near.lon());
        params.put("minLat", box.minLat());
        params.put("maxLat", box.maxLat());
        if (!box.allLongitudes()) {
            where.append(box.wraps() ? " and (lon >= :minLon or lon <= :maxLon)"
                    : " and lon between :minLon and :maxLon");
            params.put("minLon", box.minLon());
            params.put("maxLon", box.maxLon());
        }
        if (city != null && !city.isBlank()) {
            where.append(" and lower(city) = :city");
            params.put("city", city.strip().toLowerCase(Locale.ROOT));
        }
        if (category != null && !category.isBlank()) {
            where.append(" and category = :category");
            params.put("category", category.strip().toLowerCase(Locale.ROOT));
        }
        if (text != null && !text.isBlank()) {
            // A substring of the name: finds 咖啡 inside 西湖咖啡社 as well as a Latin word.
            where.append(" and strpos(lower(name), :text) > 0");
            params.put("text", text.strip().toLowerCase(Locale.ROOT));
        }
        params.put("radius", near.radiusKm());
        params.put("limit", limit);
        String sql = "select id, distance from (select id, " + distance + " as distance from merchant where " + where
                + ") m where distance <= :radius order by distance, id limit :limit";
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(new Page<MerchantView>(List.of(), null));
            }
            List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
            return Merchant.<Merchant>list("id in ?1", ids).map(found -> {
                Map<String, Merchant> byId = found.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
                List<MerchantView> items = new ArrayList<>();
                for (Object[] row : rows) {
                    Merchant merchant = byId.get((String) row[0]);
                    if (merchant != null) {
                        double km = ((Number) row[1]).doubleValue();
                        items.add(MerchantView.of(merchant, false).at(Math.round(km * 1000) / 1000.0));
                    }
                }
                return new Page<>(items, null);
            });
        });
    }
}
