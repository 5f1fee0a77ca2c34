package io.circles.feed.promotion;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Whether a promotion targets a reader: an empty list targets everyone, otherwise one of the reader's communities
 * must share an interest (and a city) with it; a promotion outside its scheduled window targets nobody.
 */
public final class Targeting {

    private Targeting() {
    }

    public static boolean matches(Map<String, String> promotion, Set<String> interests, Set<String> cities,
            Instant now) {
        String startsAt = promotion.getOrDefault("startsAt", "");
        if (!startsAt.isBlank() && Instant.parse(startsAt).isAfter(now)) {
            return false;
        }
        String endsAt = promotion.getOrDefault("endsAt", "");
        if (!endsAt.isBlank() && Instant.parse(endsAt).isBefore(now)) {
            return false;
        }
        return overlaps(promotion.getOrDefault("interests", ""), interests)
                && overlaps(promotion.getOrDefault("cities", ""), cities);
    }

    private static boolean overlaps(String targeted, Set<String> reader) {
        if (targeted.isBlank()) {
            return true;
        }
        return Arrays.stream(targeted.split(",")).anyMatch(reader::contains);
    }
}
