package io.circles.event.activity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.circles.event.web.PageLimit;
import io.circles.platform.problem.ProblemException;

/**
 * Discovery filters of {@code GET /api/activities}, parsed and checked; {@code q} is Chinese-aware text search of
 * title and description (the platform's {@code search_query}). The cursor is the last item's
 * (startsAt, id), the sort key itself, so pages neither repeat nor skip while activities are being added.
 */
public record ActivityQuery(String communityId, Double lat, Double lon, double radiusKm, Instant from, Instant to,
        String interest, int limit, Instant afterStartsAt, String afterId, String text, String merchantId) {

    public static final double DEFAULT_RADIUS_KM = 25;
    public static final double MAX_RADIUS_KM = 500;

    public static ActivityQuery parse(String communityId, String near, String radiusKm, String from, String to,
            String interest, String limit, String cursor, String q, String merchantId) {
        Double lat = null;
        Double lon = null;
        if (near != null && !near.isBlank()) {
            String[] parts = near.split(",");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                lat = Double.parseDouble(parts[0].strip());
                lon = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("near", "must be lat,lon in decimal degrees");
            }
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw ProblemException.badRequest("near", "must be lat,lon in decimal degrees");
            }
        }
        double radius = DEFAULT_RADIUS_KM;
        if (radiusKm != null && !radiusKm.isBlank()) {
            if (lat == null) {
                throw ProblemException.badRequest("radiusKm", "only makes sense with near");
            }
            try {
                radius = Double.parseDouble(radiusKm.strip());
            } catch (NumberFormatException e) {
                radius = -1;
            }
            if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
                throw ProblemException.badRequest("radiusKm", "must be a number above 0 and at most " + MAX_RADIUS_KM);
            }
        }
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        Instant afterStartsAt = null;
        String afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                afterStartsAt = Instant.parse(decoded.substring(0, bar));
                afterId = decoded.substring(bar + 1);
            } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
                throw ProblemException.badRequest("cursor", "not a cursor from this list");
            }
        }
        String community = communityId == null || communityId.isBlank() ? null : communityId.strip();
        String tag = interest == null || interest.isBlank() ? null : interest.strip();
        if ((community != null && community.length() > 64) || (tag != null && tag.length() > 40)) {
            throw ProblemException.badRequest(community != null && community.length() > 64 ? "communityId"
                    : "interest", "is too long");
        }
        String merchant = merchantId == null || merchantId.isBlank() ? null : merchantId.strip();
        if (merchant != null && merchant.length() > 64) {
            throw ProblemException.badRequest("merchantId", "is too long");
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            throw ProblemException.badRequest("q", "size must be between 1 and 200");
        }
        return new ActivityQuery(community, lat, lon, radius, fromTime, toTime, tag, PageLimit.parse(limit),
                afterStartsAt, afterId, text, merchant);
    }

    public static String cursorAfter(Activity last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.startsAt + "|" + last.id).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 UTC time like 2026-05-01T10:00:00Z");
        }
    }
}
