package io.circles.community;

import static io.circles.community.Fixtures.as;
import static io.circles.community.Fixtures.createCommunity;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.Topics;
import io.circles.events.media.MediaDeleted;
import io.circles.events.media.MediaReady;
import io.circles.events.post.PostPublished;
import io.circles.test.KafkaProbe;
import io.circles.test.PlatformTestResource;
import io.circles.test.ReceivedEvent;
import io.circles.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Posts and avatars naming uploads by {mediaId}: resolved from the media.events.v1 projection, only the caller's READY
 * media.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "community"))
class MediaPostIT {

    @Inject
    ObjectMapper json;

    @Test
    void aPostNamingTheCallersUploadCarriesItsUrlAndSize() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = createCommunity(owner, "PUBLIC");
        String image = ready(owner, "IMAGE", 1080, 1350, null);

        try (KafkaProbe probe = KafkaProbe.on(Topics.COMMUNITY_POSTS)) {
            String post = as(owner).contentType(ContentType.JSON)
                    .body("{\"text\":\"morning brew\",\"media\":[{\"mediaId\":\"" + image + "\"}]}")
                    .when().post("/api/communities/" + community + "/posts")
                    .then().statusCode(201)
                    .body("media[0].type", equalTo("IMAGE"))
                    .body("media[0].url", equalTo(url(image)))
                    .body("media[0].width", equalTo(1080))
                    .body("media[0].height", equalTo(1350))
                    .extract().path("id");
            ReceivedEvent published = probe.await(PostPublished.TYPE, community);
            org.junit.jupiter.api.Assertions.assertEquals(url(image),
                    published.json().get("media").get(0).get("url").asText());
            as(owner).get("/api/posts/" + post).then().statusCode(200).body("media[0].url", equalTo(url(image)));
        }
    }

    @Test
    void aVideoUploadNeedsItsCoverUploadAndCarriesItsDuration() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = createCommunity(owner, "PUBLIC");
        String video = ready(owner, "VIDEO", null, null, 42);
        String cover = ready(owner, "IMAGE", 640, 360, null);

        post(owner, community, "{\"media\":[{\"mediaId\":\"" + video + "\"}]}")
                .then().statusCode(400).body("errors[0].field", equalTo("media[0].coverMediaId"));
        post(owner, community, "{\"media\":[{\"mediaId\":\"" + video + "\",\"coverMediaId\":\"" + cover + "\"}]}")
                .then().statusCode(201)
                .body("media[0].type", equalTo("VIDEO"))
                .body("media[0].durationSec", equalTo(42))
                .body("media[0].coverUrl", equalTo(url(cover)));
    }

    @Test
    void someoneElsesUnknownOrDeletedMediaIsRefused() throws Exception {
        String owner = Tokens.newUserId("owner");
        String community = createCommunity(owner, "PUBLIC");
        String theirs = ready(Tokens.newUserId("stranger"), "IMAGE", 10, 10, null);
        String deleted = ready(owner, "IMAGE", 10, 10, null);
        KafkaProbe.publish(Topics.MEDIA_EVENTS, deleted, headers(MediaDeleted.TYPE),
                json.writeValueAsString(new MediaDeleted(deleted, owner, Instant.now())));

        post(owner, community, "{\"media\":[{\"mediaId\":\"" + theirs + "\"}]}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("media[0].mediaId"));
        post(owner, community, "{\"media\":[{\"mediaId\":\"no-such-upload\"}]}")
                .then().statusCode(400).body("errors[0].field", equalTo("media[0].mediaId"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                post(owner, community, "{\"media\":[{\"mediaId\":\"" + deleted + "\"}]}").statusCode() == 400);
    }

    @Test
    void aProfileTakesTheCallersReadyImageAsItsAvatarAndNothingElse() throws Exception {
        String owner = Tokens.newUserId("owner");
        String image = ready(owner, "IMAGE", 400, 400, null);
        String video = ready(owner, "VIDEO", null, null, 12);
        String theirs = ready(Tokens.newUserId("stranger"), "IMAGE", 10, 10, null);

        // Right after media-ready, as a client does once its upload is complete: the projection may lag.
        as(owner).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Avatar\",\"avatarMediaId\":\"" + image + "\"}")
                .when().put("/api/people/me")
                .then().statusCode(200)
                .body("avatarMediaId", equalTo(image))
                .body("avatarUrl", equalTo(url(image) + "-thumb"));
        as(owner).get("/api/people/me").then().statusCode(200).body("avatarUrl", equalTo(url(image) + "-thumb"));
        for (String refused : new String[] {video, theirs}) {
            as(owner).contentType(ContentType.JSON)
                    .body("{\"displayName\":\"Avatar\",\"avatarMediaId\":\"" + refused + "\"}")
                    .when().put("/api/people/me")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("avatarMediaId"));
        }
        as(owner).get("/api/people/me").then().statusCode(200).body("avatarUrl", equalTo(url(image) + "-thumb"));
    }

    private io.restassured.response.Response post(String user, String community, String body) {
        return as(user).contentType(ContentType.JSON).body(body).when().post("/api/communities/" + community + "/posts");
    }

    /** Announces a READY upload as media-service would; the post that follows must see it (read your own writes). */
    private String ready(String owner, String type, Integer width, Integer height, Integer duration) throws Exception {
        String id = UUID.randomUUID().toString();
        MediaReady ready = new MediaReady(id, owner, type, "VIDEO".equals(type) ? "video/mp4" : "image/jpeg",
                url(id), "VIDEO".equals(type) ? null : url(id) + "-thumb", width, height, duration, Instant.now());
        KafkaProbe.publish(Topics.MEDIA_EVENTS, id, headers(MediaReady.TYPE), json.writeValueAsString(ready));
        return id;
    }

    private static String url(String id) {
        return "/api/media/files/" + id.replace("-", "") + ".jpg";
    }

    private static Map<String, String> headers(String type) {
        return Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type, "ce_source", "/media-service",
                "ce_specversion", "1.0", "ce_time", Instant.now().toString());
    }
}
