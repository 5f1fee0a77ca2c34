package io.circles.notification.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GroupingTest {

    @Test
    void likesOfOnePostShareAGroupAndOtherPostsDoNot() {
        String one = Grouping.key(NotificationType.POST_LIKED, Draft.post("p1"));
        assertEquals(one, Grouping.key(NotificationType.POST_LIKED, Draft.post("p1")));
        assertNotEquals(one, Grouping.key(NotificationType.POST_LIKED, Draft.post("p2")));
    }

    @Test
    void everyOtherTypeStandsAlone() {
        for (NotificationType type : NotificationType.values()) {
            if (type != NotificationType.POST_LIKED) {
                assertNull(Grouping.key(type, Draft.post("p1")), type.name());
            }
        }
    }
}
