package io.circles.platform.geo;

/**
 * The latitude/longitude box that contains every point within {@code radiusKm} of a centre: an index-friendly
 * prefilter before the exact great-circle distance. Near a pole the box spans all longitudes; across the
 * antimeridian the longitude range wraps ({@code minLon > maxLon}).
 */
public record BoundingBox(double minLat, double maxLat, double minLon, double maxLon, boolean allLongitudes) {

    public static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

    public static BoundingBox around(double lat, double lon, double radiusKm) {
        double dLat = radiusKm / KM_PER_DEGREE;
        double minLat = lat - dLat;
        double maxLat = lat + dLat;
        if (minLat <= -90 || maxLat >= 90) {
            return new BoundingBox(Math.max(minLat, -90), Math.min(maxLat, 90), -180, 180, true);
        }
        // The widest longitude span is at the box's latitude farthest from the equator.
        double widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
        double dLon = radiusKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(widest)));
        if (dLon >= 180) {
            return new BoundingBox(minLat, maxLat, -180, 180, true);
        }
        double minLon = lon - dLon;
        double maxLon = lon + dLon;
        if (minLon < -180) {
            minLon += 360;
        }
        if (maxLon > 180) {
            maxLon -= 360;
        }
        return new BoundingBox(minLat, maxLat, minLon, maxLon, false);
    }

    public boolean wraps() {
        return !allLongitudes && minLon > maxLon;
    }

    /** The haversine great-circle distance in km. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
