package io.circles.events;

/** Where an offline activity happens. */
public record Venue(String name, String address, double lat, double lon) {
}
