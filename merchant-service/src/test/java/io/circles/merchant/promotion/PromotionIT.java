package io.circles.merchant.promotion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.circles.events.Topics;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.content.PromotionPaused;
import io.circles.events.content.PromotionResumed;
import io.circles.events.feed.PromotionClicked;
import io.circles.events.feed.PromotionImpression;
import io.circles.merchant.Fixtures;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Rows;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "merchant"))
class PromotionIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.FEED_IMPRESSIONS, "merchant-service");

    @Inject
    ImpressionLedger ledger;

    @Test
    void theOwnerPromotesItsPostAndSeesItsProgress() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            String promotion = launch(owner, merchant, post, 1000)
                    .then().statusCode(201).header("Location", notNullValue())
                    .body("status", equalTo("ACTIVE"))
                    .body("impressionsServed", equalTo(0))
                    .body("budgetImpressions", equalTo(1000))
                    .extract().path("id");
            ReceivedEvent launched = probe.await(PromotionLaunched.TYPE, merchant).assertMatchesSchema();
            assertEquals(promotion, launched.subject());
            assertEquals("coffee", launched.json().get("targeting").get("interests").get(0).asText());

            given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                    .then().statusCode(200).body("status", equalTo("ACTIVE")).body("reach", equalTo(0));
        }
    }

    @Test
    void onlyTheOwnerPromotesItsOwnPostsAndSeesItsPromotions() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String rival = Tokens.newUserId("rival");
        String rivalMerchant = Fixtures.activeMerchant(rival);
        String rivalPost = Fixtures.post(rival, rivalMerchant);

        launch(rival, merchant, post, 10).then().statusCode(403).contentType("application/problem+json");
        launch(Tokens.newUserId("user"), merchant, post, 10).then().statusCode(403);
        launch(owner, merchant, rivalPost, 10).then().statusCode(400).body("errors[0].field", equalTo("postId"));
        given().contentType(ContentType.JSON).body(promotionJson(post, 10))
                .when().post("/api/merchants/" + merchant + "/promotions").then().statusCode(401);

        String promotion = launch(owner, merchant, post, 10).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.forUser(rival)).when().get("/api/promotions/" + promotion)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser(rival)).when().post("/api/promotions/" + promotion + "/pause")
                .then().statusCode(404);
        given().auth().oauth2(Fixtures.adminToken()).when().get("/api/promotions/" + promotion)
                .then().statusCode(200);
    }

    @Test
    void badPromotionsAreRejectedWithFieldErrors() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body("{\"postId\":\"" + post + "\",\"budgetImpressions\":0,\"targeting\":{\"interests\":[],"
                        + "\"cities\":[]},\"startsAt\":\"2026-01-01T00:00:00Z\"}")
                .when().post("/api/merchants/" + merchant + "/promotions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("budgetImpressions"))
                .body("errors.field", hasItem("endsAt"));
        Instant now = Instant.now();
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(promotionJson(post, 10, now.plusSeconds(3600), now.plusSeconds(60)))
                .when().post("/api/merchants/" + merchant + "/promotions")
                .then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
        given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(promotionJson(post, 10).replace("\"startsAt\":\"", "\"startsAt\":\"yesterday"))
                .when().post("/api/merchants/" + merchant + "/promotions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void pausingAndResumingEmitOncePerChange() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String promotion = launch(owner, merchant, Fixtures.post(owner, merchant), 100)
                .then().statusCode(201).extract().path("id");
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            action(owner, promotion, "pause").statusCode(200).body("status", equalTo("PAUSED"));
            action(owner, promotion, "pause").statusCode(200).body("status", equalTo("PAUSED"));
            action(owner, promotion, "resume").statusCode(200).body("status", equalTo("ACTIVE"));
            action(owner, promotion, "resume").statusCode(200).body("status", equalTo("ACTIVE"));
            probe.await(PromotionPaused.TYPE, merchant).assertMatchesSchema();
            probe.await(PromotionResumed.TYPE, merchant).assertMatchesSchema();
            List<ReceivedEvent> changes = probe.all(e -> promotion.equals(e.subject()), Duration.ofSeconds(2));
            assertEquals(List.of(PromotionPaused.TYPE, PromotionResumed.TYPE),
                    changes.stream().map(ReceivedEvent::type).toList());
        }
    }

    @Test
    void aPromotionPastItsEndIsEndedAndCannotBePausedOrResumed() throws InterruptedException {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        Instant endsAt = Instant.now().plusSeconds(3);
        String promotion = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                .body(promotionJson(post, 100, endsAt.minusSeconds(60), endsAt))
                .when().post("/api/merchants/" + merchant + "/promotions")
                .then().statusCode(201).extract().path("id");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), endsAt).toMillis()) + 300);
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("status", equalTo("ENDED"));
        action(owner, promotion, "pause").statusCode(409).contentType("application/problem+json");
        action(owner, promotion, "resume").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyLaunchesOnce() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String key = UUID.randomUUID().toString();
        String body = promotionJson(post, 10);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            Response first = given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/api/merchants/" + merchant + "/promotions");
            first.then().statusCode(201);
            given().auth().oauth2(Tokens.forUser(owner)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/api/merchants/" + merchant + "/promotions")
                    .then().statusCode(201).body("id", equalTo(first.jsonPath().getString("id")));
            probe.await(PromotionLaunched.TYPE, merchant);
            assertEquals(1, probe.all(e -> PromotionLaunched.TYPE.equals(e.type()) && merchant.equals(e.key()),
                    Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void redeliveredImpressionsChangeNothing() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, 100).then().statusCode(201).extract().path("id");
        List<String> impressions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < impressions.size(); i++) {
                    // a redelivery may carry a new ce_id (feed-service retried the send): the impression id decides
                    producer.send(impression(UUID.randomUUID().toString(), impressions.get(i), promotion, merchant,
                            post, i == 2 ? "user-0" : "user-" + i));
                }
            }
        }
        String marker = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(impression(UUID.randomUUID().toString(), marker, promotion, merchant, post, "user-z"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> served(owner, promotion) == 4);
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("impressionsServed", equalTo(4)).body("reach", equalTo(3))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void tenThousandImpressionsWithDuplicatesServeExactlyTheBudgetAndExhaustOnce() throws Exception {
        int budget = 5_000;
        int distinct = 10_000;
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, budget).then().statusCode(201).extract().path("id");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        List<String> deliveries = new ArrayList<>(ids);
        deliveries.addAll(ids.subList(0, distinct / 10));
        Collections.shuffle(deliveries);
        long started = System.nanoTime();
        Set<Integer> partitions = ConcurrentHashMap.newKeySet();
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < deliveries.size(); i++) {
                    // keyed by impression, not by promotion as feed-service does: the one budget is counted from
                    // every partition of the topic by several consumers at once
                    producer.send(spread(impression(UUID.randomUUID().toString(), deliveries.get(i), promotion,
                            merchant, post, "user-" + (i % 2_000))),
                            (metadata, failure) -> partitions.add(failure == null ? metadata.partition() : -1));
                }
            }
            assertFalse(partitions.contains(-1), "every impression reached Kafka");
            assertTrue(partitions.size() >= 2, () -> "the impressions should span partitions: " + partitions);
            assertTrue(impressionConsumers() >= 2, "several consumers should share the impressions topic");

            ReceivedEvent exhausted = probe.await(e -> PromotionExhausted.TYPE.equals(e.type())
                    && promotion.equals(e.subject()), Duration.ofSeconds(150));
            exhausted.assertMatchesSchema();
            assertEquals(budget, exhausted.json().get("impressionsServed").asLong());
            // Only the consumer records impressions: once all 10,000 are recorded, every delivery has been handled.
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> recordedImpressions(promotion, false) == distinct);
            assertEquals(budget, recordedImpressions(promotion, true), "impressions counted against the budget");
            assertEquals(1, probe.all(e -> PromotionExhausted.TYPE.equals(e.type())
                    && promotion.equals(e.subject()), Duration.ofSeconds(2)).size());
        }
        System.out.printf("10%% duplicated %d impressions counted in %d ms over partitions %s%n", deliveries.size(),
                (System.nanoTime() - started) / 1_000_000, partitions);
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("impressionsServed", equalTo(budget))
                .body("budgetImpressions", equalTo(budget)).body("status", equalTo("EXHAUSTED"));
    }

    @Test
    void twiceTheBudgetCountedConcurrentlyStopsExactlyAtTheBudget() throws Exception {
        int budget = 100;
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, budget).then().statusCode(201).extract().path("id");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (KafkaProbe probe = KafkaProbe.on(Topics.MERCHANT_CONTENT)) {
            List<Future<ImpressionLedger.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2 * budget; i++) {
                PromotionImpression impression = new PromotionImpression(UUID.randomUUID().toString(), promotion,
                        merchant, post, "user-" + i, Instant.now());
                outcomes.add(pool.submit(() -> countNow(impression)));
            }
            Map<ImpressionLedger.Outcome, Long> tally = new EnumMap<>(ImpressionLedger.Outcome.class);
            for (Future<ImpressionLedger.Outcome> outcome : outcomes) {
                tally.merge(outcome.get(), 1L, Long::sum);
            }
            assertEquals(budget - 1, tally.getOrDefault(ImpressionLedger.Outcome.COUNTED, 0L), tally::toString);
            assertEquals(1, tally.getOrDefault(ImpressionLedger.Outcome.EXHAUSTED, 0L), tally::toString);
            assertEquals(budget, tally.getOrDefault(ImpressionLedger.Outcome.NOT_COUNTED, 0L), tally::toString);

            probe.await(e -> PromotionExhausted.TYPE.equals(e.type()) && promotion.equals(e.subject()),
                    Duration.ofSeconds(10)).assertMatchesSchema();
            assertEquals(1, probe.all(e -> PromotionExhausted.TYPE.equals(e.type())
                    && promotion.equals(e.subject()), Duration.ofSeconds(2)).size());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("impressionsServed", equalTo(budget)).body("reach", equalTo(budget))
                .body("status", equalTo("EXHAUSTED"));
        action(owner, promotion, "resume").statusCode(409);
    }

    @Test
    void impressionsServedAfterTheEndAreNeverBilled() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, 10).then().statusCode(201).extract().path("id");
        assertEquals(ImpressionLedger.Outcome.NOT_COUNTED, countNow(new PromotionImpression(
                UUID.randomUUID().toString(), promotion, merchant, post, "late-user",
                Instant.now().plus(Duration.ofDays(2)))));
        assertEquals(ImpressionLedger.Outcome.COUNTED, countNow(new PromotionImpression(
                UUID.randomUUID().toString(), promotion, merchant, post, "on-time-user", Instant.now())));
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("impressionsServed", equalTo(1)).body("reach", equalTo(1));
    }

    @Test
    void suspendingTheMerchantMidPromotionFreezesItsServedCountUntilItIsApprovedAgain() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, 100).then().statusCode(201).extract().path("id");
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 2; i++) {
                producer.send(impression(UUID.randomUUID().toString(), UUID.randomUUID().toString(), promotion,
                        merchant, post, "before-" + i));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> served(owner, promotion) == 2);

        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body("{\"reason\":\"counterfeit goods\"}")
                .when().post("/api/merchants/" + merchant + "/suspend")
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));
        String last = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 3; i++) {
                producer.send(impression(UUID.randomUUID().toString(), i == 2 ? last : UUID.randomUUID().toString(),
                        promotion, merchant, post, "during-" + i));
            }
        }
        // same key, same partition: once the last one is recorded, the two before it were handled too
        await().atMost(Duration.ofSeconds(30)).until(() -> impressionSeen(last));
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).body("impressionsServed", equalTo(2)).body("reach", equalTo(2));

        given().auth().oauth2(Fixtures.adminToken())
                .when().post("/api/merchants/" + merchant + "/approve")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(impression(UUID.randomUUID().toString(), UUID.randomUUID().toString(), promotion,
                    merchant, post, "after"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> served(owner, promotion) == 3);
    }

    @Test
    void statsShowImpressionsReachAndClicksOncePerImpressionByDay() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, 100).then().statusCode(201).extract().path("id");
        List<String> impressions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < impressions.size(); i++) {
                producer.send(impression(UUID.randomUUID().toString(), impressions.get(i), promotion, merchant, post,
                        i == 2 ? "reader-0" : "reader-" + i));
            }
            // the first impression clicked twice (two sends, as from two replicas), the second once
            producer.send(click(impressions.get(0), promotion, merchant, post, "reader-0"));
            producer.send(click(impressions.get(0), promotion, merchant, post, "reader-0"));
            producer.send(click(impressions.get(1), promotion, merchant, post, "reader-1"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.forUser(owner))
                .when().get("/api/promotions/" + promotion + "/stats")
                .then().statusCode(200).extract().<Integer>path("clicks") == 2 && served(owner, promotion) == 3);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion + "/stats")
                .then().statusCode(200)
                .body("impressionsServed", equalTo(3))
                .body("reach", equalTo(2))
                .body("clicks", equalTo(2))
                .body("days.size()", equalTo(1))
                .body("days[0].date", equalTo(today))
                .body("days[0].impressions", equalTo(3))
                .body("days[0].clicks", equalTo(2));
        given().auth().oauth2(Tokens.forUser(Tokens.newUserId("rival")))
                .when().get("/api/promotions/" + promotion + "/stats")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMalformedImpressionIsDeadLetteredAndTheNextOneIsCounted() {
        String owner = Tokens.newUserId("owner");
        String merchant = Fixtures.activeMerchant(owner);
        String post = Fixtures.post(owner, merchant);
        String promotion = launch(owner, merchant, post, 10).then().statusCode(201).extract().path("id");
        try (KafkaProbe deadLetters = KafkaProbe.on(DEAD_LETTERS)) {
            KafkaProbe.publish(Topics.FEED_IMPRESSIONS, promotion, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", PromotionImpression.TYPE,
                    "ce_source", "/feed-service",
                    "ce_specversion", "1.0"), "{not json at all");
            KafkaProbe.publish(Topics.FEED_IMPRESSIONS, promotion, Map.of(
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", PromotionImpression.TYPE,
                    "ce_source", "/feed-service",
                    "ce_specversion", "1.0"), "{\"promotionId\":\"" + promotion + "\"}");
            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(impression(UUID.randomUUID().toString(), UUID.randomUUID().toString(), promotion,
                        merchant, post, "user-1"));
            }
            ReceivedEvent parked = deadLetters.await(e -> promotion.equals(e.key()), Duration.ofSeconds(20));
            assertEquals("{not json at all", parked.value());
            assertTrue(parked.headers().containsKey("dead-letter-reason"), () -> "headers: " + parked.headers());
            assertEquals(2, deadLetters.all(e -> promotion.equals(e.key()), Duration.ofSeconds(3)).size());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> served(owner, promotion) == 1);
    }

    private static Response launch(String user, String merchant, String post, long budget) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body(promotionJson(post, budget))
                .when().post("/api/merchants/" + merchant + "/promotions");
    }

    private static io.restassured.response.ValidatableResponse action(String user, String promotion, String verb) {
        return given().auth().oauth2(Tokens.forUser(user)).when().post("/api/promotions/" + promotion + "/" + verb)
                .then();
    }

    private static int served(String owner, String promotion) {
        return given().auth().oauth2(Tokens.forUser(owner)).when().get("/api/promotions/" + promotion)
                .then().statusCode(200).extract().path("impressionsServed");
    }

    private ImpressionLedger.Outcome countNow(PromotionImpression impression) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> ledger.count(impression));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the consumer has recorded this impression (a read: the test never writes the row it waits for). */
    private static boolean impressionSeen(String impressionId) {
        return Rows.count("select count(*) from impression where impression_id = ?", impressionId) == 1;
    }

    /** Impressions of the promotion the consumer has recorded; only those counted against the budget if asked. */
    private static long recordedImpressions(String promotion, boolean countedOnly) {
        return Rows.count("select count(*) from impression where promotion_id = ?"
                + (countedOnly ? " and counted" : ""), promotion);
    }

    /** Members of merchant-service's consumer group with partitions of the impressions topic. */
    private static long impressionConsumers() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                PlatformTestResource.infrastructure().kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("merchant-service"))
                    .describedGroups().get("merchant-service").get(30, TimeUnit.SECONDS);
            return group.members().stream().filter(member -> member.assignment().topicPartitions().stream()
                    .anyMatch(partition -> partition.topic().equals(Topics.FEED_IMPRESSIONS))).count();
        }
    }

    /** The same record keyed by its impression id, so a run of them spreads over the topic's partitions. */
    private static ProducerRecord<String, String> spread(ProducerRecord<String, String> record) {
        ProducerRecord<String, String> spread = new ProducerRecord<>(record.topic(),
                new String(record.headers().lastHeader("ce_subject").value(), StandardCharsets.UTF_8),
                record.value());
        record.headers().forEach(spread.headers()::add);
        return spread;
    }

    private static String promotionJson(String post, long budget) {
        Instant now = Instant.now();
        return promotionJson(post, budget, now.minusSeconds(60), now.plusSeconds(86_400));
    }

    private static String promotionJson(String post, long budget, Instant startsAt, Instant endsAt) {
        return "{\"postId\":\"" + post + "\",\"budgetImpressions\":" + budget + ",\"targeting\":{\"interests\":"
                + "[\"coffee\"],\"cities\":[\"Hangzhou\"]},\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + endsAt
                + "\"}";
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                PlatformTestResource.infrastructure().kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> click(String impressionId, String promotion, String merchant,
            String post, String user) {
        Instant now = Instant.now();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FEED_IMPRESSIONS, promotion,
                "{\"impressionId\":\"" + impressionId + "\",\"promotionId\":\"" + promotion + "\",\"merchantId\":\""
                        + merchant + "\",\"postId\":\"" + post + "\",\"userId\":\"" + user + "\",\"clickedAt\":\""
                        + now + "\"}");
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", PromotionClicked.TYPE, "ce_source", "/feed-service",
                "ce_specversion", "1.0", "ce_subject", impressionId, "ce_time", now.toString())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static ProducerRecord<String, String> impression(String eventId, String impressionId, String promotion,
            String merchant, String post, String user) {
        Instant now = Instant.now();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FEED_IMPRESSIONS, promotion,
                "{\"impressionId\":\"" + impressionId + "\",\"promotionId\":\"" + promotion + "\",\"merchantId\":\""
                        + merchant + "\",\"postId\":\"" + post + "\",\"userId\":\"" + user + "\",\"servedAt\":\""
                        + now + "\"}");
        Map.of("ce_id", eventId, "ce_type", PromotionImpression.TYPE, "ce_source", "/feed-service",
                "ce_specversion", "1.0", "ce_subject", impressionId, "ce_time", now.toString())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
