package io.circles.notification.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void aGroupNamesTheLatestActorAndCountsTheRest() {
        assertEquals("Ann liked your post", NotificationText.of(NotificationType.POST_LIKED, List.of("Ann"), 1, null,
                null));
        assertEquals("Ann and Bob liked your post", NotificationText.of(NotificationType.POST_LIKED,
                List.of("Ann", "Bob"), 2, null, null));
        assertEquals("Ann and 41 others liked your post", NotificationText.of(NotificationType.POST_LIKED,
                List.of("Ann", "Bob", "Cai"), 42, null, null));
    }

    @Test
    void aLongCommentIsShortened() {
        String text = NotificationText.of(NotificationType.POST_COMMENTED, List.of("Ann"), 1, null, "x".repeat(500));
        assertEquals("Ann commented on your post: " + "x".repeat(79) + "…", text);
    }

    @Test
    void aRejectionGivesItsReasonInFull() {
        String reason = "The licence photo is unreadable. " + "Please upload a clearer one. ".repeat(5);
        assertEquals("Corner Bakery was not approved: " + reason.strip(), NotificationText.of(
                NotificationType.MERCHANT_REJECTED, List.of(), 1, "Corner Bakery", reason));
        assertEquals("your merchant was not approved", NotificationText.of(NotificationType.MERCHANT_REJECTED,
                List.of(), 1, null, null));
    }

    @Test
    void theSubjectIsNamed() {
        assertEquals("Hike was cancelled", NotificationText.of(NotificationType.ACTIVITY_CANCELLED, List.of(), 1,
                "Hike", null));
        assertEquals("You are now a moderator of Coffee", NotificationText.of(NotificationType.ROLE_CHANGED,
                List.of("Ann"), 1, "Coffee", "MODERATOR"));
    }
}
