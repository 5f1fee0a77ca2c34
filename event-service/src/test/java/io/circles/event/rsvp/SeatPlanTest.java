package io.circles.event.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeatPlanTest {

    @Test
    void aPartyThatFitsGoes() {
        assertEquals(SeatPlan.Outcome.GOING, SeatPlan.rsvp(10, 7, null, 0, 2));
    }

    @Test
    void aPartyThatDoesNotFitWaits() {
        assertEquals(SeatPlan.Outcome.WAITLISTED, SeatPlan.rsvp(10, 8, null, 0, 2));
        assertEquals(SeatPlan.Outcome.WAITLISTED, SeatPlan.rsvp(10, 10, null, 0, 0));
    }

    @Test
    void theSameRequestAgainChangesNothing() {
        assertEquals(SeatPlan.Outcome.UNCHANGED, SeatPlan.rsvp(10, 10, "GOING", 1, 1));
        assertEquals(SeatPlan.Outcome.UNCHANGED, SeatPlan.rsvp(10, 10, "WAITLISTED", 0, 0));
    }

    @Test
    void aGoingAttendeeCountsTheirOwnSeatsWhenChangingGuests() {
        assertEquals(SeatPlan.Outcome.GOING, SeatPlan.rsvp(10, 10, "GOING", 2, 1));
        assertEquals(SeatPlan.Outcome.GOING, SeatPlan.rsvp(10, 9, "GOING", 0, 1));
        assertEquals(SeatPlan.Outcome.NO_ROOM_FOR_GUESTS, SeatPlan.rsvp(10, 10, "GOING", 0, 1));
    }

    @Test
    void aWaitlistedAttendeeWhoNowFitsGoes() {
        assertEquals(SeatPlan.Outcome.GOING, SeatPlan.rsvp(10, 9, "WAITLISTED", 2, 0));
        assertEquals(SeatPlan.Outcome.WAITLISTED, SeatPlan.rsvp(10, 9, "WAITLISTED", 2, 1));
    }

    @Test
    void aCancelledAttendeeStartsOver() {
        assertEquals(SeatPlan.Outcome.GOING, SeatPlan.rsvp(10, 5, null, 0, 0));
    }

    @Test
    void promotionIsFirstComeFirstServed() {
        List<SeatPlan.Party> line = List.of(party("a", 0), party("b", 0), party("c", 0));
        assertEquals(List.of(party("a", 0), party("b", 0)), SeatPlan.promotions(10, 8, line));
    }

    @Test
    void aPartyTooBigForTheSeatsLeftIsSkippedNotBlocking() {
        List<SeatPlan.Party> line = List.of(party("big", 3), party("solo", 0), party("pair", 1));
        assertEquals(List.of(party("solo", 0), party("pair", 1)), SeatPlan.promotions(10, 7, line));
    }

    @Test
    void promotionKeepsGoingWhileSeatsRemain() {
        List<SeatPlan.Party> line = List.of(party("a", 1), party("b", 2), party("c", 0), party("d", 0));
        assertEquals(List.of(party("a", 1), party("b", 2), party("c", 0)), SeatPlan.promotions(10, 4, line));
    }

    @Test
    void nothingIsPromotedIntoAFullActivity() {
        assertTrue(SeatPlan.promotions(10, 10, List.of(party("a", 0))).isEmpty());
    }

    @Test
    void capacityNeverDropsBelowTheSeatsTaken() {
        assertTrue(SeatPlan.capacityAllowed(8, 8));
        assertFalse(SeatPlan.capacityAllowed(7, 8));
    }

    private static SeatPlan.Party party(String user, int guests) {
        return new SeatPlan.Party(user, guests);
    }
}
