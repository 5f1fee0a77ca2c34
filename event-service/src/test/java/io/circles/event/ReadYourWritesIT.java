package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.rsvp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.circles.test.Grants;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A grant followed at once by the request it allows succeeds every time (docs/consistency.md). */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class ReadYourWritesIT {

    @Test
    void anRsvpRightAfterItsJoinSucceeds200TimesInARow() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        String activity = activity(owner, community, 5);
        int refused = 0;
        try (Grants grants = Grants.open()) {
            for (int i = 0; i < 200; i++) {
                String member = Tokens.newUserId("member");
                grants.memberJoined(community, member, "MEMBER");
                int status = rsvp(member, activity, 0).extract().statusCode();
                if (status != 200) {
                    refused++;
                }
            }
        }
        assertEquals(0, refused, "RSVPs refused right after their join");
    }

    @Test
    void anActivityRightAfterItsCommunityIsCreatedSucceeds() {
        try (Grants grants = Grants.open()) {
            for (int i = 0; i < 20; i++) {
                String owner = Tokens.newUserId("owner");
                String community = UUID.randomUUID().toString();
                grants.communityCreated(community, owner, "PRIVATE");
                activity(owner, community, 5);
            }
        }
    }
}
