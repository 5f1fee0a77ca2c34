package io.circles.feed.live;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The last {@code capacity} distinct ids one stream has passed on, oldest forgotten first: an item announced twice
 * (on its community's channel and again by the fan-out) is streamed once. One stream's items arrive one at a time,
 * so it is not thread-safe.
 */
final class RecentIds {

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** True when {@code id} is not among the recent ids (it is then remembered as the newest). */
    boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
