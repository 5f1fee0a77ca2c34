package io.circles.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.circles.local.LocalPostgres;
import io.circles.test.Tokens;
import io.circles.test.consistency.ConsistencyChecker;
import io.circles.test.consistency.ConsistencyReport;
import io.circles.test.consistency.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checker itself: it sees a stored count that disagrees with its rows, a feed that misses an item, a feed that
 * serves an item of an author its reader blocks, a suspended merchant still served (in a sponsored slot, in explore),
 * explore serving a private community's post, and notifications missing or made twice.
 */
@Tag("reliability")
class ConsistencyCheckerIT {

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMemberCountThatDisagreesWithItsRowsIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(60));
        assertTrue(before.consistent(), before::toString);
        String community = workload.communities.get(0).id();
        shiftMemberCount(community, 1);
        try {
            ConsistencyReport after = checker.check();
            assertTrue(after.violations().stream().anyMatch(v -> "member-count".equals(v.rule())
                    && community.equals(v.subject())), after::toString);
        } finally {
            shiftMemberCount(community, -1);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFeedMissingAPostIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        Workload.Community community = workload.communities.get(1);
        String reader = community.steadyMembers().get(0);
        // A post the feed never heard of: written to the source table only, as if its event had been lost.
        String postId = "lost-" + System.nanoTime();
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("community"), postgres.username(),
                postgres.password());
             PreparedStatement insert = db.prepareStatement("insert into post (id, community_id, author_id, text,"
                     + " created_at, updated_at) values (?, ?, ?, 'never published', now(), now())");
             PreparedStatement delete = db.prepareStatement("delete from post where id = ?")) {
            insert.setString(1, postId);
            insert.setString(2, community.id());
            insert.setString(3, reader);
            insert.executeUpdate();
            try {
                ConsistencyReport report = checker.check();
                for (String member : community.steadyMembers()) {
                    assertTrue(report.violations().stream().anyMatch(v -> isMissing(v, member, postId)),
                            report::toString);
                }
            } finally {
                delete.setString(1, postId);
                delete.executeUpdate();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPostOfABlockedAuthorStillServedToTheBlockerIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        Workload.Community community = workload.communities.get(1);
        String reader = community.steadyMembers().get(0);
        String blocked = community.steadyMembers().get(1);
        // A post by another member, published through the gateway and in every member's feed before the block.
        Http.Reply published = new Http(platform.gatewayUrl()).post(blocked,
                "/api/communities/" + community.id() + "/posts", "{\"text\":\"soon from someone blocked\"}");
        assertTrue(published.status() == 201, published::toString);
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(60));
        assertTrue(before.consistent(), before::toString);
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("community"), postgres.username(),
                postgres.password());
             PreparedStatement block = db.prepareStatement("insert into person_block (blocker_id, blocked_id,"
                     + " created_at) values (?, ?, now())");
             PreparedStatement unblock = db.prepareStatement(
                     "delete from person_block where blocker_id = ? and blocked_id = ?")) {
            // A block the feed never heard of: written to the source table only, as if its event had been lost.
            block.setString(1, reader);
            block.setString(2, blocked);
            block.executeUpdate();
            try {
                ConsistencyReport report = checker.check();
                assertTrue(report.violations().stream().anyMatch(v -> "blocked-author-served".equals(v.rule())
                        && reader.equals(v.subject()) && v.detail().contains(blocked)), report::toString);
            } finally {
                unblock.setString(1, reader);
                unblock.setString(2, blocked);
                unblock.executeUpdate();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSuspendedMerchantStillServedIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(60));
        assertTrue(before.consistent(), before::toString);
        // Suspended in the source table only, as if merchant-suspended had never reached feed-service: its promoted
        // post keeps filling sponsored slots.
        setMerchantStatus(workload.merchantId, "SUSPENDED");
        try {
            ConsistencyReport after = checker.check();
            assertTrue(after.violations().stream().anyMatch(v -> "suspended-merchant-served".equals(v.rule())
                    && v.detail().contains(workload.merchantId)), after::toString);
        } finally {
            setMerchantStatus(workload.merchantId, "ACTIVE");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void exploreServingASuspendedMerchantsPostIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        // A merchant of its own, without followers or promotions: explore is the only place that serves its post.
        String owner = Tokens.newUserId("merchant");
        Http http = new Http(platform.gatewayUrl());
        Http.Reply onboarded = http.post(owner, "/api/merchants", """
                {"name":"Chain Ring Repairs","category":"sports-shop","city":"Chengdu",
                 "location":{"lat":30.67,"lon":104.05},"licenseNumber":"%s"}""".formatted(newLicence()));
        assertEquals(201, onboarded.status(), onboarded::toString);
        String merchantId = onboarded.json().path("id").asText();
        Http.Reply posted = http.post(owner, "/api/merchants/" + merchantId + "/posts",
                "{\"text\":\"Tubeless setups while you wait.\",\"media\":[]}");
        assertEquals(201, posted.status(), posted::toString);
        String postId = posted.json().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(owner, "/api/feeds/explore?limit=100").body().contains(postId));
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(60));
        assertTrue(before.consistent(), before::toString);
        // Suspended in the source table only, as if merchant-suspended had never reached feed-service: explore keeps
        // serving its post.
        setMerchantStatus(merchantId, "SUSPENDED");
        try {
            ConsistencyReport after = checker.check();
            List<Violation> aboutMerchant = after.violations().stream()
                    .filter(v -> v.detail().contains(merchantId)).toList();
            assertFalse(aboutMerchant.isEmpty(), after::toString);
            assertTrue(aboutMerchant.stream().allMatch(v -> "suspended-merchant-served".equals(v.rule())
                    && v.detail().contains(postId + " of " + merchantId + " (explore)")), after::toString);
        } finally {
            setMerchantStatus(merchantId, "ACTIVE");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void exploreServingAPrivateCommunitysPostIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        Workload.Community community = workload.communities.get(2);
        String author = community.steadyMembers().get(0);
        Http http = new Http(platform.gatewayUrl());
        Http.Reply posted = http.post(author, "/api/communities/" + community.id() + "/posts",
                "{\"text\":\"Ride report: 80 km before breakfast\",\"media\":[]}");
        assertEquals(201, posted.status(), posted::toString);
        String postId = posted.json().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(author, "/api/feeds/explore?limit=100").body().contains(postId));
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(60));
        assertTrue(before.consistent(), before::toString);
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("community"), postgres.username(),
                postgres.password());
             PreparedStatement visibility = db.prepareStatement(
                     "update community set visibility = ? where id = ?")) {
            // Made private in the source table only, as if community-updated had never reached feed-service: explore
            // keeps serving the community's post.
            visibility.setString(1, "PRIVATE");
            visibility.setString(2, community.id());
            visibility.executeUpdate();
            try {
                ConsistencyReport report = checker.check();
                assertTrue(report.violations().stream().anyMatch(v -> "explore-private-served".equals(v.rule())
                        && v.detail().contains(community.id())), report::toString);
            } finally {
                visibility.setString(1, "PUBLIC");
                visibility.setString(2, community.id());
                visibility.executeUpdate();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCommentItsAuthorWasNeverToldOfIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        Workload.Community community = workload.communities.get(2);
        String author = community.steadyMembers().get(0);
        String commenter = community.steadyMembers().get(1);
        // A post and a comment notification-service never heard of: as if the comment's event had been lost.
        String postId = "unheard-" + System.nanoTime();
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("community"), postgres.username(),
                postgres.password());
             PreparedStatement post = db.prepareStatement("insert into post (id, community_id, author_id, text,"
                     + " created_at, updated_at) values (?, ?, ?, 'never published', now(), now())");
             PreparedStatement comment = db.prepareStatement("insert into post_comment (id, post_id, author_id,"
                     + " text, created_at) values (?, ?, ?, 'never published', now())");
             PreparedStatement delete = db.prepareStatement("delete from post_comment where post_id = ?;"
                     + " delete from post where id = ?")) {
            post.setString(1, postId);
            post.setString(2, community.id());
            post.setString(3, author);
            post.executeUpdate();
            comment.setString(1, postId + "-c");
            comment.setString(2, postId);
            comment.setString(3, commenter);
            comment.executeUpdate();
            try {
                ConsistencyReport report = checker.check();
                assertTrue(report.violations().stream().anyMatch(v -> "notification-missing".equals(v.rule())
                        && author.equals(v.subject()) && v.detail().contains(postId)), report::toString);
            } finally {
                delete.setString(1, postId);
                delete.setString(2, postId);
                delete.execute();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void oneEventNotifiedTwiceIsReported() throws SQLException {
        ConsistencyChecker checker = platform.checker();
        String recipient = "twice-" + System.nanoTime();
        String eventId = java.util.UUID.randomUUID().toString();
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("notification"), postgres.username(),
                postgres.password());
             PreparedStatement insert = db.prepareStatement("insert into notification (id, recipient_id, type,"
                     + " created_at, latest_at, subject_kind, subject_id, event_id)"
                     + " values (gen_random_uuid(), ?, 'ACTIVITY_REMINDER', now(), now(), 'ACTIVITY', 'a', ?)");
             PreparedStatement delete = db.prepareStatement("delete from notification where recipient_id = ?")) {
            for (int i = 0; i < 2; i++) {
                insert.setString(1, recipient);
                insert.setString(2, eventId);
                insert.executeUpdate();
            }
            try {
                ConsistencyReport report = checker.check();
                assertTrue(report.violations().stream().anyMatch(v -> "notification-duplicate".equals(v.rule())
                        && recipient.equals(v.subject()) && v.detail().contains(eventId)), report::toString);
            } finally {
                delete.setString(1, recipient);
                delete.executeUpdate();
            }
        }
    }

    private static void setMerchantStatus(String merchantId, String status) throws SQLException {
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("merchant"), postgres.username(),
                postgres.password());
             PreparedStatement update = db.prepareStatement("update merchant set status = ? where id = ?")) {
            update.setString(1, status);
            update.setString(2, merchantId);
            update.executeUpdate();
        }
    }

    /** A valid unified social credit code (GB 32100-2015) no other merchant has: licences are unique. */
    private static String newLicence() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        StringBuilder code = new StringBuilder("91");
        while (code.length() < 17) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        return code.append(alphabet.charAt((31 - sum % 31) % 31)).toString();
    }

    private static boolean isMissing(Violation violation, String user, String postId) {
        return "timeline-missing".equals(violation.rule()) && user.equals(violation.subject())
                && violation.detail().contains(postId);
    }

    private static void shiftMemberCount(String community, int delta) throws SQLException {
        LocalPostgres postgres = platform.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("community"), postgres.username(),
                postgres.password());
             PreparedStatement update = db.prepareStatement(
                     "update community set member_count = member_count + ? where id = ?")) {
            update.setInt(1, delta);
            update.setString(2, community);
            update.executeUpdate();
        }
    }
}
