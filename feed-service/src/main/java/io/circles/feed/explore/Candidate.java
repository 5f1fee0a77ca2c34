package io.circles.feed.explore;

import java.util.List;
import java.util.Locale;

/**
 * What explore knows of a candidate besides its card: enough to filter and rank it without reading the card, so only a
 * page's cards are read. City and interests are the community's, lower-cased, as they were when the item was
 * published.
 */
record Candidate(long published, String author, String community, String city, List<String> interests) {

    static Candidate of(long published, String author, String community, String city, List<String> interests) {
        return new Candidate(published, author, community, lower(city),
                interests == null ? List.of() : interests.stream().map(Candidate::lower).toList());
    }

    /** Whether the candidate is in this city and has this interest; a blank filter matches every candidate. */
    boolean matches(String cityFilter, String interestFilter) {
        return (cityFilter == null || cityFilter.isBlank() || lower(cityFilter).equals(city))
                && (interestFilter == null || interestFilter.isBlank()
                        || interests.contains(lower(interestFilter)));
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }
}
