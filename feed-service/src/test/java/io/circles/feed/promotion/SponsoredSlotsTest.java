package io.circles.feed.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SponsoredSlotsTest {

    @Test
    void theThirdPositionThenEveryTenthIsSponsored() {
        List<String> organic = List.of("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11", "o12",
                "o13");
        List<String> page = SponsoredSlots.fill(organic, List.of("s1", "s2", "s3"));
        assertEquals("s1", page.get(2));
        assertEquals("s2", page.get(12));
        assertEquals(15, page.size());
        assertEquals(2, SponsoredSlots.slotsFor(13));
    }

    @Test
    void slotsLeftWithoutAPromotionGoToOrganicItems() {
        List<String> organic = List.of("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11", "o12",
                "o13", "o14");
        List<String> page = SponsoredSlots.fill(organic, List.of("s1"));
        assertEquals(List.of("o1", "o2", "s1", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11", "o12", "o13",
                "o14"), page);
    }

    @Test
    void aSlotAfterTheLastOrganicItemIsNotFilled() {
        // 11 organic items end at position 12; position 13 would be a slot but no organic item follows it.
        List<String> organic = List.of("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11");
        assertEquals(1, SponsoredSlots.slotsFor(11));
        assertEquals(12, SponsoredSlots.fill(organic, List.of("s1", "s2")).size());
        assertEquals(2, SponsoredSlots.slotsFor(12));
    }

    @Test
    void aShortPageGetsItsSponsoredItemLast() {
        assertEquals(List.of("o1", "s1"), SponsoredSlots.fill(List.of("o1"), List.of("s1", "s2")));
        assertEquals(List.of("o1", "o2", "s1"), SponsoredSlots.fill(List.of("o1", "o2"), List.of("s1")));
        assertEquals(1, SponsoredSlots.slotsFor(2));
    }

    @Test
    void noOrganicItemsOrNoPromotionsMeansNoSponsoredItems() {
        assertEquals(List.of(), SponsoredSlots.fill(List.of(), List.of("s1")));
        assertEquals(List.of("o1", "o2", "o3"), SponsoredSlots.fill(List.of("o1", "o2", "o3"), List.of()));
        assertEquals(0, SponsoredSlots.slotsFor(0));
    }
}
