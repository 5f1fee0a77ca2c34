package io.circles.event.rsvp;

import java.util.ArrayList;
import java.util.List;

/**
 * The seat and waitlist rules, free of persistence so unit tests can reach them. A party is the attendee plus their
 * guests; it is GOING only if the whole party fits ({@code going + 1 + guests <= capacity}). The waitlist is served
 * first come first served, and a party that does not fit the seats left is skipped rather than blocking the line:
 * it keeps its place and gets the next seats that are enough for it.
 */
public final class SeatPlan {

    /** What an RSVP request does to the attendee's state. */
    public enum Outcome {
        /** Same state and guests as before: nothing changes, nothing is emitted. */
        UNCHANGED,
        GOING,
        WAITLISTED,
        /** A GOING attendee asked for more guests than the seats left: they keep their current seat instead. */
        NO_ROOM_FOR_GUESTS
    }

    /** A waiting party, in waitlist order. */
    public record Party(String userId, int guests) {

        public int seats() {
            return 1 + guests;
        }
    }

    private SeatPlan() {
    }

    public static int seats(int guests) {
        return 1 + guests;
    }

    /**
     * Decides an RSVP. {@code currentStatus} is the attendee's status (GOING, WAITLISTED, or null when they have no
     * live RSVP), {@code goingSeats} the seats taken by GOING parties including the attendee's own.
     */
    public static Outcome rsvp(int capacity, int goingSeats, String currentStatus, int currentGuests, int guests) {
        if (currentStatus != null && currentGuests == guests) {
            return Outcome.UNCHANGED;
        }
        int othersSeats = "GOING".equals(currentStatus) ? goingSeats - seats(currentGuests) : goingSeats;
        if (othersSeats + seats(guests) <= capacity) {
            return Outcome.GOING;
        }
        return "GOING".equals(currentStatus) ? Outcome.NO_ROOM_FOR_GUESTS : Outcome.WAITLISTED;
    }

    /** The parties to promote, in order, given the waitlist in FIFO order; keeps going while seats remain. */
    public static List<Party> promotions(int capacity, int goingSeats, List<Party> waitlist) {
        List<Party> promoted = new ArrayList<>();
        int free = capacity - goingSeats;
        for (Party party : waitlist) {
            if (free <= 0) {
                break;
            }
            if (party.seats() <= free) {
                promoted.add(party);
                free -= party.seats();
            }
        }
        return promoted;
    }

    /** Capacity may drop only as far as the seats already taken: nobody GOING is ever bumped. */
    public static boolean capacityAllowed(int newCapacity, int goingSeats) {
        return newCapacity >= goingSeats;
    }
}
