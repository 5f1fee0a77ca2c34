package io.circles.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.circles.local.LocalPostgres;
import io.circles.test.Tokens;
import io.circles.test.consistency.ConsistencyChecker;
import io.circles.test.consistency.ConsistencyReport;
import io.circles.test.consistency.Violation;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each rule of the consistency checker fires: every test injects exactly one violation into a consistent platform,
 * straight into a source table or feed-service's Redis as if an event had been lost or misapplied, sees that rule (and
 * only the rules that violation truly breaks) reported for the right subject, and puts everything back.
 * {@link ConsistencyCheckerIT} does the same for the rules that need a scenario of their own.
 */
@Tag("reliability")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CheckerRulesIT {

    private static ReliablePlatform platform;
    private static Workload workload;
    private static Vertx vertx;
    private static Redis redis;
    private ConsistencyChecker checker;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, "redis://127.0.0.1:" + platform.infrastructure().redis().port());
        // the workload writes no post of its own: one, so that every rule has a post to judge
        Workload.Community community = workload.communities.get(0);
        Http.Reply posted = new Http(platform.gatewayUrl()).post(community.owner(),
                "/api/communities/" + community.id() + "/posts", "{\"text\":\"welcome, everyone\"}");
        assertEquals(201, posted.status(), posted::toString);
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
        vertx.close();
    }

    /** Every test starts from a consistent platform, and the pass that says so looked at everything. */
    @BeforeEach
    void consistentFirst() {
        checker = platform.checker().alsoReadFeedsOf(workload.users());
        ConsistencyReport before = checker.awaitConsistent(Duration.ofSeconds(90));
        assertTrue(before.consistent(), before::toString);
        for (String subjects : List.of("communities", "activities", "merchants", "promotions",
                "membership-projections", "feeds", "feed-items", "explore-feeds", "notified-posts")) {
            assertTrue(before.checked().getOrDefault(subjects, 0) > 0,
                    () -> "a pass should check some " + subjects + ": " + before);
        }
    }

    @Test
    void anEventLeftInAnOutboxIsReported() throws Exception {
        // merchant-service frozen, so its relay cannot publish the row while the checker looks
        platform.service("merchant-service").pause();
        String id = UUID.randomUUID().toString();
        try {
            execute("merchant", "insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at,"
                    + " payload) values (?::uuid, 'merchant.content.v1', ?, 'checker.probe', '/checker', ?, now(),"
                    + " '{}')",
                    id, id, id);
            ConsistencyReport report = checker.check();
            assertOnly(report, "outbox-unpublished", v -> v.subject().equals("merchant"));
        } finally {
            execute("merchant", "delete from outbox_event where id = ?::uuid", id);
            platform.service("merchant-service").resume();
        }
    }

    @Test
    void aGoingCountOffByOneIsReported() throws Exception {
        String activity = workload.communities.get(0).activityId();
        execute("event", "update activity set going_seats = going_seats + ? where id = ?", 1, activity);
        try {
            assertOnly(checker.check(), "going-count", v -> v.subject().equals(activity));
        } finally {
            execute("event", "update activity set going_seats = going_seats + ? where id = ?", -1, activity);
        }
    }

    @Test
    void aWaitlistCountOffByOneIsReported() throws Exception {
        String activity = workload.communities.get(1).activityId();
        execute("event", "update activity set waitlist_count = waitlist_count + ? where id = ?", 1, activity);
        try {
            assertOnly(checker.check(), "waitlist-count", v -> v.subject().equals(activity));
        } finally {
            execute("event", "update activity set waitlist_count = waitlist_count + ? where id = ?", -1, activity);
        }
    }

    @Test
    void aFollowerCountOffByOneIsReported() throws Exception {
        execute("merchant", "update merchant set follower_count = follower_count + ? where id = ?", 1,
                workload.merchantId);
        try {
            assertOnly(checker.check(), "follower-count", v -> v.subject().equals(workload.merchantId));
        } finally {
            execute("merchant", "update merchant set follower_count = follower_count + ? where id = ?", -1,
                    workload.merchantId);
        }
    }

    @Test
    void aServedCountOffByOneIsReported() throws Exception {
        String promotion = value("merchant", String.class, "select id from promotion where merchant_id = ?",
                workload.merchantId);
        execute("merchant", "update promotion set served = served + ? where id = ?", 1, promotion);
        try {
            assertOnly(checker.check(), "impressions-served", v -> v.subject().equals(promotion));
        } finally {
            execute("merchant", "update promotion set served = served + ? where id = ?", -1, promotion);
        }
    }

    @Test
    void aMemberEventServiceNeverHeardOfIsReported() throws Exception {
        String community = workload.communities.get(2).id();
        String stranger = Tokens.newUserId("stranger");
        execute("event", "insert into community_member (community_id, user_id, role, joined_at)"
                + " values (?, ?, 'MEMBER', now())", community, stranger);
        try {
            assertOnly(checker.check(), "membership-projection",
                    v -> v.subject().equals(community) && v.detail().contains(stranger));
        } finally {
            execute("event", "delete from community_member where community_id = ? and user_id = ?", community,
                    stranger);
        }
    }

    @Test
    void aFeedStillServingACommunityItsReaderLeftIsReported() throws Exception {
        // The leave as if only community-service and event-service had applied it: the feed never heard of it.
        Workload.Community community = workload.communities.get(3);
        String member = community.steadyMembers().get(4);
        String role = value("event", String.class, "select role from community_member"
                + " where community_id = ? and user_id = ?", community.id(), member);
        Timestamp joined = value("event", Timestamp.class, "select joined_at from community_member"
                + " where community_id = ? and user_id = ?", community.id(), member);
        String memberRole = value("community", String.class, "select role from membership"
                + " where community_id = ? and user_id = ?", community.id(), member);
        Timestamp memberSince = value("community", Timestamp.class, "select created_at from membership"
                + " where community_id = ? and user_id = ?", community.id(), member);
        execute("community", "delete from membership where community_id = ? and user_id = ?", community.id(),
                member);
        execute("community", "update community set member_count = member_count + ? where id = ?", -1, community.id());
        execute("event", "delete from community_member where community_id = ? and user_id = ?", community.id(),
                member);
        try {
            assertOnly(checker.check(), "item-after-leave",
                    v -> v.subject().equals(member) && v.detail().contains(community.id()));
        } finally {
            execute("event", "insert into community_member (community_id, user_id, role, joined_at)"
                    + " values (?, ?, ?, ?)", community.id(), member, role, joined);
            execute("community", "update community set member_count = member_count + ? where id = ?", 1,
                    community.id());
            execute("community", "insert into membership (community_id, user_id, role, status, created_at)"
                    + " values (?, ?, ?, 'MEMBER', ?)", community.id(), member, memberRole, memberSince);
        }
    }

    @Test
    void aFeedStillServingAMerchantItsReaderUnfollowedIsReported() throws Exception {
        Http http = new Http(platform.gatewayUrl());
        String reader = Tokens.newUserId("follower");
        Http.Reply followed = http.put(reader, "/api/merchants/" + workload.merchantId + "/followers/me", "{}");
        assertTrue(followed.status() / 100 == 2, followed::toString);
        String post = value("merchant", String.class, "select id from merchant_post where merchant_id = ?"
                + " and status = 'PUBLISHED' order by created_at desc limit 1", workload.merchantId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(reader, "/api/feeds/me?limit=50").body().contains(post));
        checker.alsoReadFeedsOf(List.of(reader));
        assertTrue(checker.awaitConsistent(Duration.ofSeconds(60)).consistent());
        Timestamp since = value("merchant", Timestamp.class, "select created_at from follower where merchant_id = ?"
                + " and user_id = ?", workload.merchantId, reader);
        // The unfollow as if merchant-service had committed it and its event had been lost.
        execute("merchant", "delete from follower where merchant_id = ? and user_id = ?", workload.merchantId, reader);
        execute("merchant", "update merchant set follower_count = follower_count + ? where id = ?", -1,
                workload.merchantId);
        try {
            assertOnly(checker.check(), "item-after-unfollow",
                    v -> v.subject().equals(reader) && v.detail().contains(workload.merchantId));
        } finally {
            execute("merchant", "insert into follower (merchant_id, user_id, created_at) values (?, ?, ?)",
                    workload.merchantId, reader, since);
            execute("merchant", "update merchant set follower_count = follower_count + ? where id = ?", 1,
                    workload.merchantId);
            Http.Reply unfollowed = http.delete(reader, "/api/merchants/" + workload.merchantId + "/followers/me");
            assertTrue(unfollowed.ok(), unfollowed::toString);
        }
    }

    @Test
    void aRemovedPostStillServedIsReported() throws Exception {
        Workload.Community community = workload.communities.get(0);
        Http.Reply posted = new Http(platform.gatewayUrl()).post(community.steadyMembers().get(0),
                "/api/communities/" + community.id() + "/posts", "{\"text\":\"removed without a word\"}");
        assertEquals(201, posted.status(), posted::toString);
        String post = posted.json().path("id").asText();
        assertTrue(checker.awaitConsistent(Duration.ofSeconds(60)).consistent());
        execute("community", "update post set status = 'REMOVED' where id = ?", post);
        try {
            ConsistencyReport report = checker.check();
            // every member is still served it; explore, which may rank it, is held to the same rule
            assertOnly(report, "removed-item-served", v -> v.detail().contains(post),
                    "explore-private-served");
            for (String member : community.steadyMembers()) {
                assertTrue(report.violations().stream().anyMatch(v -> "removed-item-served".equals(v.rule())
                        && v.subject().equals(member)), report::toString);
            }
        } finally {
            execute("community", "update post set status = 'VISIBLE' where id = ?", post);
        }
    }

    @Test
    void aCancelledActivityStillServedIsReported() throws Exception {
        Workload.Community community = workload.communities.get(1);
        String activity = community.activityId();
        execute("event", "update activity set status = 'CANCELLED' where id = ?", activity);
        try {
            ConsistencyReport report = checker.check();
            assertOnly(report, "removed-item-served", v -> v.detail().contains(activity), "explore-private-served");
            for (String member : community.steadyMembers()) {
                assertTrue(report.violations().stream().anyMatch(v -> "removed-item-served".equals(v.rule())
                        && v.subject().equals(member)), report::toString);
            }
        } finally {
            execute("event", "update activity set status = 'SCHEDULED' where id = ?", activity);
        }
    }

    @Test
    void anItemServedTwiceIsReported() throws Exception {
        Workload.Community community = workload.communities.get(2);
        String reader = community.steadyMembers().get(2);
        Http.Reply posted = new Http(platform.gatewayUrl()).post(community.steadyMembers().get(3),
                "/api/communities/" + community.id() + "/posts", "{\"text\":\"said once, served twice\"}");
        assertEquals(201, posted.status(), posted::toString);
        String post = posted.json().path("id").asText();
        assertTrue(checker.awaitConsistent(Duration.ofSeconds(60)).consistent());
        // The post a second time in the reader's timeline, under the whole-id member an older writer used: the
        // reader's page now holds two entries for one item.
        String timeline = "tl:{u:" + reader + "}";
        String score = redis(Request.cmd(Command.ZSCORE).arg(timeline).arg(compact(post)));
        if (score == null) {
            // fanned out since the inbox was last merged: it is in the inbox, which readers read with the timeline
            timeline = "inbox:{u:" + reader + "}";
            score = redis(Request.cmd(Command.ZSCORE).arg(timeline).arg(compact(post)));
        }
        assertTrue(score != null, "the post is in the reader's timeline or inbox under its compact member");
        String planted = timeline;
        redis(Request.cmd(Command.ZADD).arg(planted).arg(score).arg(post));
        try {
            assertOnly(checker.check(), "timeline-duplicate",
                    v -> v.subject().equals(reader) && v.detail().contains(post));
        } finally {
            redis(Request.cmd(Command.ZREM).arg(planted).arg(post));
        }
    }

    @Test
    void aFeedThatCannotBeReadIsReported() {
        // Feeds read from an address nothing listens on: every reader's feed is unreachable, nothing else is judged.
        ConsistencyReport report = ConsistencyChecker.of("http://127.0.0.1:9", platform.infrastructure().postgres())
                .check();
        assertFalse(report.violations().isEmpty(), report::toString);
        assertEquals(Set.of("feed-unreachable"), rules(report), report::toString);
    }

    @Test
    void aDatabaseThatCannotBeReadIsReported() {
        LocalPostgres postgres = platform.infrastructure().postgres();
        // the databases looked for where none exists (the local server trusts every password, so a wrong one would
        // not do)
        ConsistencyReport report = new ConsistencyChecker(platform.gatewayUrl(),
                database -> postgres.jdbcUrl("gone_" + database), postgres.username(), postgres.password()).check();
        assertOnly(report, "source-unreachable", v -> v.subject().equals("postgres"));
    }

    /** Exactly {@code rule} (and any of {@code alsoAllowed}) is reported, each violation matching {@code about}. */
    private static void assertOnly(ConsistencyReport report, String rule, Predicate<Violation> about,
            String... alsoAllowed) {
        assertTrue(report.violations().stream().anyMatch(v -> rule.equals(v.rule()) && about.test(v)),
                () -> rule + " should be reported: " + report);
        Set<String> allowed = new TreeSet<>(List.of(alsoAllowed));
        allowed.add(rule);
        List<Violation> other = report.violations().stream()
                .filter(v -> !allowed.contains(v.rule()) || !about.test(v)).toList();
        assertEquals(List.of(), other, () -> "only " + allowed + " about the injected fault: " + report);
    }

    private static Set<String> rules(ConsistencyReport report) {
        return report.violations().stream().map(Violation::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A UUID's timeline member, as feed-service's {@code TimelineMember.of} writes it (base64url of its bytes). */
    private static String compact(String uuid) {
        UUID id = UUID.fromString(uuid);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static String redis(Request request) throws Exception {
        var reply = redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return reply == null ? null : reply.toString();
    }

    private static Connection connect(String database) throws SQLException {
        LocalPostgres postgres = platform.infrastructure().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    private static void execute(String database, String sql, Object... args) throws SQLException {
        try (Connection db = connect(database); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }


    /** The first column of the one row {@code sql} answers, as {@code type}. */
    private static <T> T value(String database, Class<T> type, String sql, Object... args) throws SQLException {
        try (Connection db = connect(database); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), () -> "no row for " + sql);
                return rows.getObject(1, type);
            }
        }
    }
}
