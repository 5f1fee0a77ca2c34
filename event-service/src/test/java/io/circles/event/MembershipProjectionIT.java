package io.circles.event;

import static io.circles.event.Scenario.activity;
import static io.circles.event.Scenario.community;
import static io.circles.event.Scenario.getActivity;
import static io.circles.event.Scenario.joinAll;
import static io.circles.event.Scenario.rsvp;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.circles.events.Topics;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.MemberJoined;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "event"))
class MembershipProjectionIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.COMMUNITY_EVENTS, "event-service");

    @Test
    void aMemberWhoLeavesLosesTheirSeatAndTheWaitlistIsPromoted() {
        String owner = Tokens.newUserId("owner");
        String leaver = Tokens.newUserId("leaver");
        String waiting = Tokens.newUserId("waiting");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(leaver, waiting));
        String id = activity(owner, community, 2);
        rsvp(leaver, id, 0).body("status", equalTo("GOING"));
        rsvp(waiting, id, 0).body("status", equalTo("WAITLISTED"));

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACTIVITY_EVENTS)) {
            Scenario.leave(community, leaver);

            ReceivedEvent cancelled = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && leaver.equals(event.json().get("userId").asText())
                    && "CANCELLED".equals(event.json().get("status").asText()), Duration.ofSeconds(15))
                    .assertMatchesSchema();
            assertEquals("CANCELLED", cancelled.json().get("status").asText());
            ReceivedEvent promoted = probe.await(event -> RsvpChanged.TYPE.equals(event.type())
                    && waiting.equals(event.json().get("userId").asText())
                    && "PROMOTED".equals(event.json().get("status").asText()), Duration.ofSeconds(15))
                    .assertMatchesSchema();
            assertEquals("PROMOTED", promoted.json().get("status").asText());
        }
        getActivity(waiting, id).body("rsvp.status", equalTo("GOING")).body("goingCount", equalTo(2));
        rsvp(leaver, id, 0).statusCode(403);
    }

    @Test
    void aBannedMemberLosesTheirWaitlistPlace() {
        String owner = Tokens.newUserId("owner");
        String first = Tokens.newUserId("first");
        String banned = Tokens.newUserId("banned");
        String third = Tokens.newUserId("third");
        String community = community(owner, "PUBLIC");
        joinAll(community, List.of(first, banned, third));
        String id = activity(owner, community, 1);
        rsvp(first, id, 0).body("waitlistPosition", equalTo(1));
        rsvp(banned, id, 0).body("waitlistPosition", equalTo(2));
        rsvp(third, id, 0).body("waitlistPosition", equalTo(3));

        Scenario.ban(community, banned);

        getActivity(third, id).body("waitlistCount", equalTo(2)).body("rsvp.waitlistPosition", equalTo(2));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String community = community(owner, "PUBLIC");
        String eventId = UUID.randomUUID().toString();
        String joined = "{\"communityId\":\"" + community + "\",\"userId\":\"" + bob
                + "\",\"role\":\"MEMBER\",\"joinedAt\":\"" + Instant.now() + "\"}";
        Scenario.publish(eventId, MemberJoined.TYPE, community, community + "/members/" + bob, joined);
        Scenario.leave(community, bob);
        Scenario.publish(eventId, MemberJoined.TYPE, community, community + "/members/" + bob, joined);
        String carol = Tokens.newUserId("carol");
        Scenario.join(community, carol);

        assertEquals(0, Scenario.count("select count(*) from community_member where community_id = ? and user_id = ?",
                community, bob), "the second delivery of the same ce_id did not re-add bob");
        String id = activity(owner, community, 5);
        rsvp(bob, id, 0).statusCode(403);
    }

    @Test
    void anUnparseableMessageIsDeadLetteredAndTheNextOneIsStillProcessed() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        try (KafkaProbe deadLetters = KafkaProbe.on(DEAD_LETTERS)) {
            KafkaProbe.publish(Topics.COMMUNITY_EVENTS, community, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", MemberJoined.TYPE,
                    "ce_source", "/community-service",
                    "ce_specversion", "1.0"), "{not json at all");
            KafkaProbe.publish(Topics.COMMUNITY_EVENTS, community, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", MemberJoined.TYPE,
                    "ce_source", "/community-service",
                    "ce_specversion", "1.0"), "{\"communityId\":\"" + community + "\"}");
            String erin = Tokens.newUserId("erin");
            Scenario.join(community, erin);

            List<ReceivedEvent> parked = deadLetters.all(event -> community.equals(event.key()),
                    Duration.ofSeconds(3));
            assertEquals(2, parked.size(), () -> "parked: " + parked);
            assertTrue(parked.get(0).headers().containsKey("dead-letter-reason"));
            String id = activity(erin, community, 5);
            getActivity(erin, id).statusCode(200);
        }
    }

    @Test
    void eventsOfUnknownTypesAreSkippedAndArchivedCommunitiesTakeNoNewActivities() {
        String owner = Tokens.newUserId("owner");
        String community = community(owner, "PUBLIC");
        long members = Scenario.count("select count(*) from community_member where community_id = ?", community);
        try (KafkaProbe deadLetters = KafkaProbe.on(DEAD_LETTERS)) {
            Scenario.publish("io.circles.community.something-new.v1", community, community,
                    "{\"communityId\":\"" + community + "\"}");
            Scenario.publish(CommunityArchived.TYPE, community, community, "{\"communityId\":\"" + community
                    + "\",\"archivedBy\":\"" + owner + "\",\"archivedAt\":\"" + Instant.now() + "\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> Scenario.count(
                    "select count(*) from community where id = ? and status = 'ARCHIVED'", community) == 1);
            // the event after it was applied, so the unknown one was passed: skipped, not dead-lettered, and it
            // changed nothing it might have seemed to be about
            assertEquals(List.of(), deadLetters.all(event -> community.equals(event.key()), Duration.ofSeconds(2)));
            assertEquals(members, Scenario.count("select count(*) from community_member where community_id = ?",
                    community));
        }
        Scenario.postActivity(owner, Scenario.activityJson(community, 5, Scenario.inDays(2))).statusCode(409);
        assertEquals(0, Scenario.count("select count(*) from activity where community_id = ?", community),
                "an archived community takes no new activity");
    }
}
