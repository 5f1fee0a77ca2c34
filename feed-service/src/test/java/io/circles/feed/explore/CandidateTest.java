package io.circles.feed.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CandidateTest {

    private final Candidate paris = Candidate.of(1, "author", "community", " Paris ", List.of("Coffee", "hiking"));

    @Test
    void cityAndInterestMatchWhateverTheirCase() {
        assertTrue(paris.matches("paris", null));
        assertTrue(paris.matches("PARIS", "coffee"));
        assertTrue(paris.matches(null, "HIKING"));
    }

    @Test
    void noFilterMatchesEveryCandidate() {
        assertTrue(paris.matches(null, null));
        assertTrue(paris.matches("", " "));
        assertTrue(Candidate.of(1, "a", "c", null, null).matches(null, null));
    }

    @Test
    void aMerchantsCandidateMatchesItsCityAndNoInterest() {
        Candidate shop = Candidate.ofMerchant(1, "owner", "merchant", "Paris");
        assertTrue(shop.matches("paris", null));
        assertFalse(shop.matches("paris", "coffee"));
        Candidate unplaced = Candidate.ofMerchant(1, "owner", "merchant", null);
        assertTrue(unplaced.matches(null, null));
        assertFalse(unplaced.matches("paris", null));
        assertTrue(unplaced.inCity(" Paris ").matches("PARIS", null));
    }

    @Test
    void anotherCityOrAnInterestTheCommunityLacksDoesNotMatch() {
        assertFalse(paris.matches("Lyon", null));
        assertFalse(paris.matches("Paris", "chess"));
        assertFalse(paris.matches("Par", null));
        assertFalse(Candidate.of(1, "a", "c", null, null).matches("Paris", null));
    }
}
