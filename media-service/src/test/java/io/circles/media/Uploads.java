package io.circles.media;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.circles.test.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The client side of an upload: ask for a URL, PUT the bytes straight to the store, complete. */
public final class Uploads {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Uploads() {
    }

    public static Response create(String user, String type, String contentType, long size) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON)
                .body(Map.of("type", type, "contentType", contentType, "sizeBytes", size))
                .when().post("/api/media");
    }

    /** PUTs bytes to a signed URL with the given headers; the store's status code. */
    public static int put(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an upload, PUTs the bytes as signed; the media id. */
    public static String upload(String user, String type, String contentType, byte[] body) {
        Response ticket = create(user, type, contentType, body.length).then().statusCode(201).extract().response();
        Map<String, String> headers = ticket.path("uploadHeaders");
        int status = put(ticket.path("uploadUrl"), headers, body);
        if (status != 200) {
            throw new AssertionError("the store answered " + status + " to a signed PUT");
        }
        return ticket.path("id");
    }

    public static Response complete(String user, String id) {
        return given().auth().oauth2(Tokens.forUser(user)).when().post("/api/media/" + id + "/complete");
    }

    /** Bytes of a served URL (origin-relative in tests). */
    public static Response fetch(String url) {
        return given().when().get(url);
    }
}
