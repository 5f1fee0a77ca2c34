package io.circles.feed.explore;

import java.util.List;
import java.util.Locale;

/**
 * What explore knows of a candidate besides its card: enough to filter and rank it without reading the card, so only a
 * page's cards are read. A candidate is a community's (city and interests the community's, as they were when the item
 * was published) or a merchant's (the merchant's city, no interests); city and interests are lower-cased.
 */
record Candidate(long published, String author, String community, String merchant, String city,
        List<String> interests) {

    /** A public community's post or activity. */
    static Candidate of(long published, String author, String community, String city, List<String> interests) {
        return new Candidate(published, author, community, null, lower(city), lowered(interests));
    }

    /**
     * A merchant's post or activity: no interests, as nothing maps a merchant's category to the interests communities
     * use; a blank city when the feed has not heard of the merchant yet ({@link #inCity(String)} places it later).
     */
    static Candidate ofMerchant(long published, String author, String merchant, String city) {
        return new Candidate(published, author, null, merchant, lower(city), List.of());
    }

    /** This candidate placed in a city. */
    Candidate inCity(String newCity) {
        return new Candidate(published, author, community, merchant, lower(newCity), interests);
    }

    /** Whether the candidate is in this city and has this interest; a blank filter matches every candidate. */
    boolean matches(String cityFilter, String interestFilter) {
        return (cityFilter == null || cityFilter.isBlank() || lower(cityFilter).equals(city))
                && (interestFilter == null || interestFilter.isBlank()
                        || interests.contains(lower(interestFilter)));
    }

    private static List<String> lowered(List<String> interests) {
        return interests == null ? List.of() : interests.stream().map(Candidate::lower).toList();
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }
}
