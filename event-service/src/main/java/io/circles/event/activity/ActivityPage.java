package io.circles.event.activity;

import java.util.List;

/** A page of activities, soonest first. */
public record ActivityPage(List<ActivityView> items, String nextCursor) {
}
