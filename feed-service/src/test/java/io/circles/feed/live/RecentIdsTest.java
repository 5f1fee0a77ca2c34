package io.circles.feed.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdIsNewOnceWhileItIsRemembered() {
        RecentIds ids = new RecentIds(3);
        assertTrue(ids.add("a"));
        assertTrue(ids.add("b"));
        assertFalse(ids.add("a"));
        assertFalse(ids.add("b"));
    }

    @Test
    void theOldestIdIsForgottenWhenTheWindowIsFull() {
        RecentIds ids = new RecentIds(2);
        ids.add("a");
        ids.add("b");
        assertTrue(ids.add("c"));
        assertTrue(ids.add("a"), "a was the oldest of three");
        assertFalse(ids.add("c"));
        assertTrue(ids.add("b"), "b went when a came back");
    }

    @Test
    void aWindowHoldsAtLeastOneId() {
        assertThrows(IllegalArgumentException.class, () -> new RecentIds(0));
    }
}
