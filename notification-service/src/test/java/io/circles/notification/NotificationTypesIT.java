package io.circles.notification;

import static io.circles.notification.Inboxes.actorIds;
import static io.circles.notification.Inboxes.awaitOne;
import static io.circles.notification.Inboxes.of;
import static io.circles.notification.Inboxes.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Venue;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityReminder;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantRejected;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Every notification type, from real events on Kafka to what each user reads: who gets it and who does not. An absence
 * is asserted only after a later event on the same partition has been seen, so the one before it was processed.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
class NotificationTypesIT {

    @Inject
    ObjectMapper json;

    @Test
    void aJoinRequestReachesTheOwnerAndModeratorsButNotMembersOrTheRequester() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("owner");
        String moderator = Tokens.newUserId("moderator");
        String member = Tokens.newUserId("member");
        String applicant = Tokens.newUserId("applicant");
        String community = privateCommunity(events, owner);
        events.publish(new MemberJoined(community, moderator, "MEMBER", Instant.now()));
        events.publish(new MemberRoleChanged(community, moderator, "MODERATOR", owner, Instant.now()));
        events.publish(new MemberJoined(community, member, "MEMBER", Instant.now()));
        events.publish(new JoinRequested(community, applicant, "I brew every morning", Instant.now()));

        Map<String, Object> toOwner = awaitOne(owner, "JOIN_REQUESTED");
        assertEquals(List.of(applicant), actorIds(toOwner));
        assertEquals(Map.of("kind", "COMMUNITY", "id", community), toOwner.get("subject"));
        assertTrue(((String) toOwner.get("text")).contains("Coffee"), () -> "text: " + toOwner.get("text"));
        awaitOne(moderator, "JOIN_REQUESTED");
        awaitOne(moderator, "ROLE_CHANGED");
        assertTrue(of(member).isEmpty(), "a plain member hears of no join request");
        assertTrue(of(applicant).isEmpty(), "the requester is not told of their own request");
    }

    @Test
    void anApprovedRequestIsJoinApprovedAndADirectJoinIsNothing() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("owner");
        String approved = Tokens.newUserId("approved");
        String rejected = Tokens.newUserId("rejected");
        String direct = Tokens.newUserId("direct");
        String community = privateCommunity(events, owner);
        events.publish(new MemberJoined(community, direct, "MEMBER", Instant.now()));
        events.publish(new JoinRequested(community, approved, null, Instant.now()));
        events.publish(new JoinRequested(community, rejected, null, Instant.now()));
        events.publish(new MemberJoined(community, approved, "MEMBER", Instant.now()));
        events.publish(new JoinRejected(community, rejected, owner, Instant.now()));

        Map<String, Object> approval = awaitOne(approved, "JOIN_APPROVED");
        assertEquals(community, ((Map<?, ?>) approval.get("community")).get("id"));
        Map<String, Object> rejection = awaitOne(rejected, "JOIN_REJECTED");
        assertEquals(List.of(owner), actorIds(rejection));
        assertTrue(of(direct).isEmpty(), "joining directly is the joiner's own act");
        assertEquals(1, of(approved).size());
        assertEquals(List.of("JOIN_REQUESTED", "JOIN_REQUESTED"), of(owner).stream().map(n -> n.get("type")).toList(),
                "the owner who answered hears of the requests only, not of their own answers");
    }

    @Test
    void aRoleChangeReachesTheMemberButNotTheOwnerWhoMadeIt() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("owner");
        String heir = Tokens.newUserId("heir");
        String community = privateCommunity(events, owner);
        events.publish(new MemberJoined(community, heir, "MEMBER", Instant.now()));
        // Handing ownership over: the heir becomes OWNER, the previous owner demotes themself to MODERATOR.
        events.publish(new MemberRoleChanged(community, heir, "OWNER", owner, Instant.now()));
        events.publish(new MemberRoleChanged(community, owner, "MODERATOR", owner, Instant.now()));
        String applicant = Tokens.newUserId("applicant");
        events.publish(new JoinRequested(community, applicant, null, Instant.now()));

        Map<String, Object> promoted = awaitOne(heir, "ROLE_CHANGED");
        assertEquals("You are now the owner of Coffee lovers", promoted.get("text"));
        awaitOne(owner, "JOIN_REQUESTED");
        assertTrue(ofType(of(owner), "ROLE_CHANGED").isEmpty(), "nobody is told of their own act");
    }

    @Test
    void activityChangesReachTheirAttendeesAndAPromotionReachesThePromoted() {
        Published events = new Published(json);
        String organizer = Tokens.newUserId("organizer");
        String going = Tokens.newUserId("going");
        String waiting = Tokens.newUserId("waiting");
        String outsider = Tokens.newUserId("outsider");
        String community = UUID.randomUUID().toString();
        String activity = UUID.randomUUID().toString();
        Venue venue = new Venue("Park", "1 Lake Rd", 30.2, 120.1);
        Instant starts = Instant.now().plusSeconds(86_400);
        events.publish(new ActivityScheduled(activity, community, organizer, "Sunrise hike", "", starts,
                starts.plusSeconds(7_200), venue, 2, Instant.now()));
        events.publish(new RsvpChanged(activity, community, going, "GOING", 0, null, 2, Instant.now()));
        events.publish(new RsvpChanged(activity, community, waiting, "WAITLISTED", 0, 1, 2, Instant.now()));
        events.publish(new RsvpChanged(activity, community, outsider, "GOING", 0, null, 2, Instant.now()));
        events.publish(new RsvpChanged(activity, community, outsider, "CANCELLED", 0, null, 1, Instant.now()));
        events.publish(new RsvpChanged(activity, community, waiting, "PROMOTED", 0, null, 2, Instant.now()));

        Map<String, Object> promoted = awaitOne(waiting, "WAITLIST_PROMOTED");
        assertEquals(Map.of("id", activity, "title", "Sunrise hike"), promoted.get("activity"));
        assertTrue(((String) promoted.get("text")).contains("Sunrise hike"));

        events.publish(new ActivityUpdated(activity, community, "Sunrise hike (new time)", "", starts, starts, venue,
                2, organizer, Instant.now()));
        awaitOne(going, "ACTIVITY_UPDATED");
        awaitOne(waiting, "ACTIVITY_UPDATED");

        events.publish(new ActivityReminder(activity, community, "Sunrise hike (new time)", starts, venue,
                List.of(organizer, going, waiting), Instant.now()));
        awaitOne(organizer, "ACTIVITY_REMINDER");
        awaitOne(going, "ACTIVITY_REMINDER");
        awaitOne(waiting, "ACTIVITY_REMINDER");

        events.publish(new ActivityCancelled(activity, community, organizer, Instant.now()));
        Map<String, Object> cancelled = awaitOne(going, "ACTIVITY_CANCELLED");
        assertEquals("Sunrise hike (new time) was cancelled", cancelled.get("text"));
        awaitOne(waiting, "ACTIVITY_CANCELLED");

        assertEquals(List.of("ACTIVITY_REMINDER"), of(organizer).stream().map(n -> n.get("type")).toList(),
                "the organizer's own update and cancellation are not news to them");
        assertEquals(List.of("ACTIVITY_CANCELLED", "ACTIVITY_REMINDER", "ACTIVITY_UPDATED"),
                of(going).stream().map(n -> n.get("type")).toList(), "only the promoted attendee is told of a promotion");
        assertTrue(of(outsider).isEmpty(), "someone who cancelled their RSVP is no longer an attendee");
    }

    @Test
    void aCommentReachesThePostAuthorUnlessTheAuthorBlockedTheCommenter() {
        Published events = new Published(json);
        String author = Tokens.newUserId("author");
        String friend = Tokens.newUserId("friend");
        String troll = Tokens.newUserId("troll");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, author, "PUBLIC");
        events.person("io.circles.community.person-blocked.v1", author,
                Map.of("blockerId", author, "blockedId", troll));
        events.person("io.circles.community.profile-updated.v1", friend,
                Map.of("userId", friend, "displayName", "Fang", "avatarUrl", "https://img.example/fang.jpg"));
        awaitPeopleEvents(events, author);

        events.publish(comment(post, community, troll, "go away"));
        events.publish(comment(post, community, author, "my own comment"));
        events.publish(comment(post, community, friend, "Lovely photo!"));

        // The friend's profile comes on its own partition: the name shows once it is applied.
        Map<String, Object> commented = Inboxes.awaitUntil(author, items -> items.stream()
                .anyMatch(item -> String.valueOf(item.get("text")).startsWith("Fang"))).get(0);
        assertEquals("Fang commented on your post: Lovely photo!", commented.get("text"));
        assertEquals(List.of(Map.of("id", friend, "displayName", "Fang", "avatarUrl",
                "https://img.example/fang.jpg")), commented.get("actors"));
        assertEquals(1, of(author).size(), "nothing from the blocked commenter, nothing of the author's own comment");
    }

    @Test
    void whoeverLeftAPrivateCommunityHearsNothingMoreAboutIt() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("owner");
        String leaver = Tokens.newUserId("leaver");
        String fan = Tokens.newUserId("fan");
        String community = privateCommunity(events, owner);
        events.publish(new MemberJoined(community, leaver, "MEMBER", Instant.now()));
        String post = post(events, community, leaver, "PRIVATE");
        events.publish(like(post, community, fan));
        awaitOne(leaver, "POST_LIKED");

        events.publish(new MemberLeft(community, leaver, Instant.now()));
        events.publish(comment(post, community, fan, "still here?"));
        // A later event on the same partition that does notify: the two before it were processed.
        String applicant = Tokens.newUserId("applicant");
        events.publish(new JoinRequested(community, applicant, null, Instant.now()));
        awaitOne(owner, "JOIN_REQUESTED");

        assertTrue(of(leaver).isEmpty(), "the private community's notifications left with the member");
        assertEquals(0, Inboxes.unread(leaver));
    }

    @Test
    void merchantReviewsAndAnExhaustedPromotionReachTheOwner() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("merchant-owner");
        String admin = Tokens.newUserId("admin");
        String merchant = UUID.randomUUID().toString();
        events.publish(new MerchantOnboarded(merchant, owner, "Lakeside Roasters", "cafe", "Hangzhou", 30.2, 120.1,
                "PENDING_REVIEW", Instant.now()));
        events.publish(new MerchantApproved(merchant, admin, Instant.now()));
        Map<String, Object> approved = awaitOne(owner, "MERCHANT_APPROVED");
        assertEquals(Map.of("id", merchant, "name", "Lakeside Roasters"), approved.get("merchant"));

        String promotion = UUID.randomUUID().toString();
        events.publish(new PromotionExhausted(promotion, merchant, 100, 100, Instant.now()));
        Map<String, Object> exhausted = awaitOne(owner, "PROMOTION_EXHAUSTED");
        assertEquals(Map.of("kind", "PROMOTION", "id", promotion), exhausted.get("subject"));

        events.publish(new MerchantSuspended(merchant, admin, "licence expired", Instant.now()));
        awaitOne(owner, "MERCHANT_SUSPENDED");
        assertTrue(of(admin).isEmpty(), "the reviewing admin is not notified");
    }

    @Test
    void aRejectionReachesTheOwnerOnceWithItsReason() {
        Published events = new Published(json);
        String owner = Tokens.newUserId("merchant-owner");
        String admin = Tokens.newUserId("admin");
        String merchant = UUID.randomUUID().toString();
        events.publish(new MerchantOnboarded(merchant, owner, "Corner Bakery", "bakery", "Hangzhou", 30.2, 120.1,
                "PENDING_REVIEW", Instant.now()));
        MerchantRejected rejected = new MerchantRejected(merchant, owner, "The licence photo is unreadable",
                Instant.now());
        String eventId = events.publish(rejected);
        events.publish(eventId, rejected);
        // Another merchant's approval behind the redelivery on the same partition: once it shows, both were applied.
        String otherOwner = Tokens.newUserId("other-owner");
        String other = UUID.randomUUID().toString();
        events.publish(UUID.randomUUID().toString(), new MerchantOnboarded(other, otherOwner, "Tea House", "cafe",
                "Hangzhou", 30.2, 120.1, "PENDING_REVIEW", Instant.now()), merchant);
        events.publish(UUID.randomUUID().toString(), new MerchantApproved(other, admin, Instant.now()), merchant);
        awaitOne(otherOwner, "MERCHANT_APPROVED");

        List<Map<String, Object>> toOwner = of(owner);
        assertEquals(1, toOwner.size(), () -> "exactly once: " + toOwner);
        Map<String, Object> rejection = toOwner.get(0);
        assertEquals("MERCHANT_REJECTED", rejection.get("type"));
        assertEquals(Map.of("kind", "MERCHANT", "id", merchant), rejection.get("subject"));
        assertEquals(Map.of("id", merchant, "name", "Corner Bakery"), rejection.get("merchant"));
        assertEquals(List.of(), rejection.get("actors"), "a platform decision names nobody");
        assertEquals("Corner Bakery was not approved: The licence photo is unreadable", rejection.get("text"));
        assertEquals(1, Inboxes.unread(owner));
        assertEquals(List.of("MERCHANT_APPROVED"), of(otherOwner).stream().map(n -> n.get("type")).toList(),
                "another merchant's owner hears nothing of this rejection");
        assertTrue(of(admin).isEmpty(), "the reviewing admin is not notified");
    }

    private static String privateCommunity(Published events, String owner) {
        String community = UUID.randomUUID().toString();
        events.publish(new CommunityCreated(community, "Coffee lovers", "", List.of("coffee"), "Hangzhou", 30.2,
                120.1, "PRIVATE", owner, Instant.now()));
        return community;
    }

    static String post(Published events, String community, String author, String visibility) {
        String post = UUID.randomUUID().toString();
        events.publish(new PostPublished(post, community, "Coffee lovers", visibility, List.of("coffee"),
                "Hangzhou", author, "Morning brew", List.of(), Instant.now()));
        return post;
    }

    static CommentAdded comment(String post, String community, String author, String text) {
        return new CommentAdded(UUID.randomUUID().toString(), post, community, author, text, 1, Instant.now());
    }

    static PostReacted like(String post, String community, String user) {
        return new PostReacted(post, community, user, "LIKE", true, 1, Instant.now());
    }

    /**
     * Waits until the people events published so far for {@code user} are applied: a later profile update of the same
     * key (so the same partition) shows as their name on a notification they cause.
     */
    private static void awaitPeopleEvents(Published events, String user) {
        String name = "marker " + UUID.randomUUID();
        events.person("io.circles.community.profile-updated.v1", user, Map.of("userId", user, "displayName", name));
        String probe = Tokens.newUserId("probe");
        String community = UUID.randomUUID().toString();
        String post = post(events, community, probe, "PUBLIC");
        events.publish(comment(post, community, user, "probe"));
        Inboxes.awaitUntil(probe, items -> items.stream().anyMatch(item -> String.valueOf(item.get("text"))
                .startsWith(name)));
    }
}
