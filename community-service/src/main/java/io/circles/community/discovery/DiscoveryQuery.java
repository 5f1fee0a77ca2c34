package io.circles.community.discovery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.circles.community.interest.Interests;
import io.circles.community.web.PageRequest;
import io.circles.platform.geo.BoundingBox;
import io.circles.platform.problem.ProblemException;

/**
 * Turns discovery parameters into one SQL statement with positional parameters: filters, a bounding-box
 * prefilter plus exact haversine distance for {@code near}, ranked full-text search for {@code q}, and keyset
 * paging on (sort key, id) so a page never repeats or skips a community while others are created.
 */
public final class DiscoveryQuery {

    /** How results are ordered. RELEVANCE is the default with {@code q}, NEARBY with {@code near}, else NEW. */
    public enum Sort {
        NEW, POPULAR, NEARBY, RELEVANCE
    }

    public static final double DEFAULT_RADIUS_KM = 10;
    public static final double MAX_RADIUS_KM = 1000;

    private static final String DISTANCE = "%s * 2 * asin(least(1, sqrt(power(sin(radians(c.lat - %s) / 2), 2)"
            + " + cos(radians(%s)) * cos(radians(c.lat)) * power(sin(radians(c.lon - %s) / 2), 2))))";

    private final String sql;
    private final List<Object> args;
    private final Sort sort;

    private DiscoveryQuery(String sql, List<Object> args, Sort sort) {
        this.sql = sql;
        this.args = args;
        this.sort = sort;
    }

    public String sql() {
        return sql;
    }

    public List<Object> args() {
        return args;
    }

    public Sort sort() {
        return sort;
    }

    /** Validates the raw query parameters (400 with the field on anything wrong) and builds the statement. */
    public static DiscoveryQuery of(String callerId, String interest, String city, String near, String radiusKm,
            String q, String sortParam, String member, PageRequest page) {
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        args.add(callerId);
        where.add("c.status = 'ACTIVE'");

        if (interest != null && !interest.isBlank()) {
            if (!Interests.isKnown(interest.strip())) {
                throw ProblemException.badRequest("interest", "unknown interest (see GET /api/interests)");
            }
            args.add(interest.strip());
            where.add("c.interests @> array[$" + args.size() + "::text]");
        }
        if (city != null && !city.isBlank()) {
            if (city.length() > 80) {
                throw ProblemException.badRequest("city", "size must be between 1 and 80");
            }
            args.add(city.strip().toLowerCase(Locale.ROOT));
            where.add("lower(c.city) = $" + args.size());
        }
        String rank = "0::real";
        String text = "";
        if (q != null && !q.isBlank()) {
            if (q.length() > 200) {
                throw ProblemException.badRequest("q", "size must be between 1 and 200");
            }
            args.add(q.strip());
            // Chinese-aware: search_query (the platform's V0_5 migration) cuts Chinese runs into the bigrams the index
            // holds. In FROM it runs once per statement, not once per row of a generic plan.
            text = " cross join search_query($" + args.size() + ") as query";
            where.add("c.search @@ query");
            rank = "ts_rank(c.search, query)";
        }
        boolean mine = false;
        if (member != null && !member.isBlank()) {
            if (!"me".equals(member.strip())) {
                throw ProblemException.badRequest("member", "only 'me' is supported");
            }
            mine = true;
        }
        String distance = "null::double precision";
        double radius = DEFAULT_RADIUS_KM;
        boolean nearby = near != null && !near.isBlank();
        if (radiusKm != null && !radiusKm.isBlank()) {
            radius = parseDouble("radiusKm", radiusKm);
            if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
                throw ProblemException.badRequest("radiusKm", "must be greater than 0 and at most " + MAX_RADIUS_KM);
            }
            if (!nearby) {
                throw ProblemException.badRequest("near", "radiusKm needs near=lat,lon");
            }
        }
        if (nearby) {
            String[] parts = near.split(",");
            if (parts.length != 2) {
                throw ProblemException.badRequest("near", "must be lat,lon");
            }
            double lat = parseDouble("near", parts[0]);
            double lon = parseDouble("near", parts[1]);
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                throw ProblemException.badRequest("near", "lat must be within [-90, 90] and lon within [-180, 180]");
            }
            BoundingBox box = BoundingBox.around(lat, lon, radius);
            args.add(box.minLat());
            args.add(box.maxLat());
            where.add("c.lat between $" + (args.size() - 1) + " and $" + args.size());
            if (!box.allLongitudes()) {
                args.add(box.minLon());
                args.add(box.maxLon());
                String op = box.wraps() ? " or " : " and ";
                where.add("(c.lon >= $" + (args.size() - 1) + op + "c.lon <= $" + args.size() + ")");
            }
            args.add(lat);
            int latArg = args.size();
            args.add(lon);
            distance = String.format(Locale.ROOT, DISTANCE, String.valueOf(BoundingBox.EARTH_RADIUS_KM), "$" + latArg,
                    "$" + latArg,
                    "$" + args.size());
        }

        Sort sort = parseSort(sortParam, nearby, !"0::real".equals(rank));
        StringBuilder sql = new StringBuilder("select * from (select c.id, c.name, c.description, c.interests, c.city,"
                + " c.lat, c.lon, c.visibility, c.join_question, c.owner_id, c.member_count, c.status, c.created_at,"
                + " m.role as my_role, m.status as my_status, ")
                .append(distance).append(" as distance, ").append(rank).append(" as rank from community c").append(text).append(" ")
                .append(mine ? "join" : "left join")
                .append(" membership m on m.community_id = c.id and m.user_id = $1")
                .append(mine ? " and m.status = 'MEMBER'" : "")
                .append(" where ").append(String.join(" and ", where)).append(") s where true");
        if (nearby) {
            args.add(radius);
            sql.append(" and s.distance <= $").append(args.size());
        }
        if (!page.first()) {
            List<String> after = page.after(3);
            if (!sort.name().equals(after.get(0))) {
                throw ProblemException.badRequest("cursor", "the cursor belongs to another sort order");
            }
            String key = after.get(1);
            args.add(after.get(2));
            int idArg = args.size();
            switch (sort) {
                case NEW -> {
                    args.add(parseTime(key).atOffset(ZoneOffset.UTC));
                    sql.append(" and (s.created_at, s.id) < ($").append(args.size()).append(", $").append(idArg)
                            .append(")");
                }
                case POPULAR -> {
                    args.add(parseInt(key));
                    int n = args.size();
                    sql.append(" and (s.member_count < $").append(n).append(" or (s.member_count = $").append(n)
                            .append(" and s.id > $").append(idArg).append("))");
                }
                case NEARBY -> {
                    args.add(parseDouble("cursor", key));
                    int n = args.size();
                    sql.append(" and (s.distance > $").append(n).append(" or (s.distance = $").append(n)
                            .append(" and s.id > $").append(idArg).append("))");
                }
                case RELEVANCE -> {
                    args.add((float) parseDouble("cursor", key));
                    int n = args.size();
                    sql.append(" and (s.rank < $").append(n).append(" or (s.rank = $").append(n)
                            .append(" and s.id > $").append(idArg).append("))");
                }
            }
        }
        sql.append(switch (sort) {
            case NEW -> " order by s.created_at desc, s.id desc";
            case POPULAR -> " order by s.member_count desc, s.id";
            case NEARBY -> " order by s.distance, s.id";
            case RELEVANCE -> " order by s.rank desc, s.id";
        });
        args.add(page.limit() + 1);
        sql.append(" limit $").append(args.size());
        return new DiscoveryQuery(sql.toString(), args, sort);
    }

    private static Sort parseSort(String sort, boolean nearby, boolean text) {
        if (sort == null || sort.isBlank()) {
            return nearby ? Sort.NEARBY : text ? Sort.RELEVANCE : Sort.NEW;
        }
        Sort parsed;
        try {
            parsed = Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("sort", "must be one of popular, new, nearby");
        }
        if (parsed == Sort.NEARBY && !nearby) {
            throw ProblemException.badRequest("sort", "sort=nearby needs near=lat,lon");
        }
        if (parsed == Sort.RELEVANCE && !text) {
            throw ProblemException.badRequest("sort", "sort=relevance needs q");
        }
        return parsed;
    }

    private static double parseDouble(String field, String value) {
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

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
    }
}
