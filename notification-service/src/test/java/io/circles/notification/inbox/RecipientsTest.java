package io.circles.notification.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecipientsTest {

    @Test
    void theActorIsNeverARecipient() {
        assertEquals(List.of("owner"), Recipients.of(NotificationType.ACTIVITY_UPDATED, List.of("owner", "actor"),
                "actor", Set.of(), Set.of()));
    }

    @Test
    void someoneWhoBlockedTheActorHearsNothingFromThem() {
        assertEquals(List.of("b"), Recipients.of(NotificationType.POST_COMMENTED, List.of("a", "b"), "troll",
                Set.of("a"), Set.of()));
    }

    @Test
    void someoneWhoLeftThePrivateCommunityHearsNothingMoreAboutIt() {
        assertEquals(List.of("stayed"), Recipients.of(NotificationType.ACTIVITY_CANCELLED, List.of("left", "stayed"),
                null, Set.of(), Set.of("left")));
    }

    @Test
    void theAnswerToOnesOwnJoinRequestArrivesEvenAfterLeavingBefore() {
        assertEquals(List.of("returning"), Recipients.of(NotificationType.JOIN_REJECTED, List.of("returning"),
                "moderator", Set.of(), Set.of("returning")));
    }

    @Test
    void eachRecipientOnceAndNoBlankIds() {
        assertEquals(List.of("a", "b"), Recipients.of(NotificationType.ACTIVITY_REMINDER,
                java.util.Arrays.asList("a", "b", "a", "", null), null, Set.of(), Set.of()));
    }
}
