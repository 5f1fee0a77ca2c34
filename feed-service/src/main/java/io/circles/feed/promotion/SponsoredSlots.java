package io.circles.feed.promotion;

import java.util.ArrayList;
import java.util.List;

/**
 * Where sponsored items go in a page: the 3rd position, then every 10th after it (13th, 23rd, …), counted in the
 * page as served. A page too short to reach the 3rd position gets its one sponsored item last. Each slot takes a
 * different promotion, so none appears twice in a page.
 */
public final class SponsoredSlots {

    static final int FIRST_SLOT = 3;
    static final int EVERY = 10;

    private SponsoredSlots() {
    }

    /** Merges organic and sponsored items; sponsored beyond the slots the page has are dropped. */
    public static <T> List<T> fill(List<T> organic, List<T> sponsored) {
        List<T> page = new ArrayList<>(organic.size() + sponsored.size());
        if (organic.isEmpty() || sponsored.isEmpty()) {
            page.addAll(organic);
            return page;
        }
        int nextSponsored = 0;
        int organicIndex = 0;
        while (organicIndex < organic.size()) {
            int position = page.size() + 1;
            if (nextSponsored < sponsored.size() && isSlot(position)) {
                page.add(sponsored.get(nextSponsored++));
            } else {
                page.add(organic.get(organicIndex++));
            }
        }
        if (nextSponsored == 0) {
            page.add(sponsored.get(0));
        }
        return page;
    }

    /** How many sponsored items a page of {@code organic} organic items holds. */
    public static int slotsFor(int organic) {
        if (organic == 0) {
            return 0;
        }
        int slots = 0;
        int placed = 0;
        for (int position = 1; placed < organic; position++) {
            if (isSlot(position)) {
                slots++;
            } else {
                placed++;
            }
        }
        return Math.max(slots, 1);
    }

    static boolean isSlot(int position) {
        return position >= FIRST_SLOT && (position - FIRST_SLOT) % EVERY == 0;
    }
}
