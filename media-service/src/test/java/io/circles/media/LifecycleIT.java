package io.circles.media;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Media;
import io.circles.events.Topics;
import io.circles.events.media.MediaDeleted;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostRemoved;
import io.circles.media.lifecycle.LifecycleJob;
import io.circles.media.storage.ObjectStorage;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The lifecycle job against real rows and objects: clocks are moved by back-dating rows. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "media"),
        @ResourceArg(name = "objectStorage", value = "true")})
class LifecycleIT {

    @Inject
    LifecycleJob lifecycle;

    @Inject
    ObjectStorage storage;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @Test
    void uploadsNeverCompletedGoAfterADayAndRecentOnesStay() throws Throwable {
        String user = Tokens.newUserId("lazy");
        String old = Uploads.upload(user, "IMAGE", "image/png", TestFiles.png(10, 10));
        String recent = Uploads.upload(user, "IMAGE", "image/png", TestFiles.png(10, 10));
        backdate(old, "created_at", Duration.ofHours(25));

        sweepAll();

        assertEquals("DELETED", status(old));
        assertFalse(storage.size("u/" + old).isPresent(), "the uploaded object is gone");
        assertEquals("PENDING", status(recent));
        assertTrue(storage.size("u/" + recent).isPresent());
    }

    @Test
    void readyMediaNoPostCarriesGoesAfterAWeekButAttachedMediaStays() throws Throwable {
        String user = Tokens.newUserId("poster");
        String unused = ready(user);
        String attached = ready(user);
        String attachedUrl = url(user, attached);
        publish(new PostPublished("post-" + UUID.randomUUID(), "c1", "Coffee", "PUBLIC", List.of("coffee"),
                "Hangzhou", user, "hello", List.of(new Media("IMAGE", attachedUrl, 10, 10, null, null)),
                Instant.now()), "c1", PostPublished.TYPE);
        await().atMost(Duration.ofSeconds(20)).until(() -> column(attached, "attached_at") != null);
        backdate(unused, "ready_at", Duration.ofDays(8));
        backdate(attached, "ready_at", Duration.ofDays(8));

        try (KafkaProbe probe = KafkaProbe.on(Topics.MEDIA_EVENTS)) {
            sweepAll();
            probe.await(MediaDeleted.TYPE, unused).assertMatchesSchema();
        }
        assertEquals("DELETED", status(unused));
        assertEquals("READY", status(attached));
        Uploads.fetch(attachedUrl).then().statusCode(200);
    }

    @Test
    void mediaOfARemovedPostGoesAfterTheGracePeriod() throws Throwable {
        String user = Tokens.newUserId("remover");
        String gone = ready(user);
        String graced = ready(user);
        String goneUrl = url(user, gone);
        String postA = "post-" + UUID.randomUUID();
        String postB = "post-" + UUID.randomUUID();
        publish(new PostPublished(postA, "c2", "Wine", "PUBLIC", List.of("wine"), "Hangzhou", user, "a",
                List.of(new Media("IMAGE", goneUrl, 10, 10, null, null)), Instant.now()), "c2", PostPublished.TYPE);
        publish(new PostPublished(postB, "c2", "Wine", "PUBLIC", List.of("wine"), "Hangzhou", user, "b",
                List.of(new Media("IMAGE", url(user, graced), 10, 10, null, null)), Instant.now()), "c2",
                PostPublished.TYPE);
        await().atMost(Duration.ofSeconds(20)).until(() -> column(gone, "attached_at") != null
                && column(graced, "attached_at") != null);
        publish(new PostRemoved(postA, "c2", "spam", user, Instant.now()), "c2", PostRemoved.TYPE);
        publish(new PostRemoved(postB, "c2", "spam", user, Instant.now()), "c2", PostRemoved.TYPE);
        await().atMost(Duration.ofSeconds(20)).until(() -> column(gone, "detached_at") != null
                && column(graced, "detached_at") != null);
        backdate(gone, "detached_at", Duration.ofDays(8));
        backdate(gone, "ready_at", Duration.ofDays(30));

        sweepAll();

        assertEquals("DELETED", status(gone));
        Uploads.fetch(goneUrl).then().statusCode(404);
        assertEquals("READY", status(graced), "still within its grace period");
    }

    private String ready(String user) {
        String id = Uploads.upload(user, "IMAGE", "image/png", TestFiles.png(10, 10));
        Uploads.complete(user, id).then().statusCode(200);
        return id;
    }

    private static String url(String user, String id) {
        return io.restassured.RestAssured.given().auth().oauth2(Tokens.forUser(user)).get("/api/media/" + id)
                .then().statusCode(200).extract().path("url");
    }

    private void publish(Object payload, String key, String type) throws Exception {
        KafkaProbe.publish(Topics.COMMUNITY_POSTS, key, Map.of(
                "ce_id", UUID.randomUUID().toString(),
                "ce_type", type,
                "ce_source", "/community-service",
                "ce_specversion", "1.0",
                "ce_time", Instant.now().toString()), json.writeValueAsString(payload));
    }

    /** Runs the job until a run deletes nothing: other tests' rows may fill a batch. */
    private void sweepAll() throws Throwable {
        while (VertxContextSupport.subscribeAndAwait(() -> lifecycle.sweep()) > 0) {
            // next batch
        }
    }

    private void backdate(String id, String column, Duration by) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement update = c.prepareStatement(
                     "update media set " + column + " = " + column + " - make_interval(secs => ?) where id = ?")) {
            update.setLong(1, by.toSeconds());
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private String status(String id) throws SQLException {
        Object status = column(id, "status");
        assertNotNull(status);
        return status.toString();
    }

    private Object column(String id, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement select = c.prepareStatement("select " + column + " from media where id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
