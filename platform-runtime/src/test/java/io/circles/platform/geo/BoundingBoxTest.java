package io.circles.platform.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    @Test
    void haversineMatchesKnownDistances() {
        // Hamburg to Berlin city centres: about 255 km.
        assertEquals(255.3, BoundingBox.distanceKm(53.5511, 9.9937, 52.52, 13.405), 1.0);
        assertEquals(0.0, BoundingBox.distanceKm(10, 10, 10, 10), 1e-9);
        // A quarter of the equator.
        assertEquals(Math.PI * BoundingBox.EARTH_RADIUS_KM / 2, BoundingBox.distanceKm(0, 0, 0, 90), 1e-6);
    }

    @Test
    void theBoxContainsEveryPointOnTheCircle() {
        double lat = 60;
        double lon = 10;
        double radius = 100;
        BoundingBox box = BoundingBox.around(lat, lon, radius);
        for (int bearing = 0; bearing < 360; bearing += 5) {
            double[] point = destination(lat, lon, radius * 0.999, bearing);
            assertTrue(point[0] >= box.minLat() && point[0] <= box.maxLat(), "lat at bearing " + bearing);
            assertTrue(point[1] >= box.minLon() && point[1] <= box.maxLon(), "lon at bearing " + bearing);
        }
    }

    @Test
    void nearTheAntimeridianTheLongitudeRangeWraps() {
        BoundingBox box = BoundingBox.around(0, 179.9, 50);
        assertTrue(box.wraps());
        assertTrue(box.minLon() > 179 && box.maxLon() < -179);
    }

    @Test
    void nearAPoleEveryLongitudeIsIn() {
        BoundingBox box = BoundingBox.around(89.9, 0, 50);
        assertTrue(box.allLongitudes());
        assertFalse(box.wraps());
        assertEquals(90, box.maxLat());
    }

    private static double[] destination(double lat, double lon, double km, double bearingDeg) {
        double d = km / BoundingBox.EARTH_RADIUS_KM;
        double b = Math.toRadians(bearingDeg);
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
        double l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1),
                Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        return new double[] {Math.toDegrees(p2), Math.toDegrees(l2)};
    }
}
