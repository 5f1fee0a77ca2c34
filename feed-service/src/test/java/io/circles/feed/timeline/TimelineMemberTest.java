package io.circles.feed.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimelineMemberTest {

    @Test
    void aUuidIsStoredIn22CharactersAndReadBackExactly() {
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            String member = TimelineMember.of(id);
            assertEquals(22, member.length());
            assertEquals(id, TimelineMember.itemId(member));
        }
    }

    @Test
    void otherIdsAreKeptWholeAndNeverMistakenForAUuid() {
        String upperCase = UUID.randomUUID().toString().toUpperCase();
        String twentyTwo = "reminder-1234567890abc";
        for (String id : new String[] {"reminder:" + UUID.randomUUID(), upperCase, twentyTwo, "p1", "~tilde"}) {
            String member = TimelineMember.of(id);
            assertEquals(id, TimelineMember.itemId(member), id);
            assertEquals('~', member.charAt(0), id);
        }
    }

    @Test
    void distinctIdsGiveDistinctMembers() {
        Set<String> members = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            members.add(TimelineMember.of(UUID.randomUUID().toString()));
        }
        assertEquals(1000, members.size());
    }

    @Test
    void aMemberWrittenBeforeTheCompactFormStillReadsAsItsId() {
        String id = UUID.randomUUID().toString();
        assertEquals(id, TimelineMember.itemId(id));
        assertEquals("reminder:" + id, TimelineMember.itemId("reminder:" + id));
    }
}
