package io.circles.event.rsvp;

import java.util.List;

/** A page of RSVPs: attendees, or the waitlist in order. */
public record RsvpPage(List<RsvpView> items, String nextCursor) {
}
