package io.circles.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built web client (web-client/target/dist) as the local gateway serves it at "/": files read once at start so no
 * request touches the disk on the event loop, unknown paths fall back to index.html (the app routes in the browser),
 * hashed assets are cached for a year, and every answer carries a Content-Security-Policy with no inline script.
 * With the development sign-in on, POST /dev/token mints a token with the same key as {@code ./circles token}; only
 * the local gateway has it: the compose and Kubernetes gateways serve the files alone.
 */
public final class WebApp {

    /** Where the web-client module's build leaves the app, relative to the repository. */
    public static final String DIST = "web-client/target/dist";
    /** Only this origin: the API, uploads and media all sit behind the same gateway; no fonts, CDNs or tiles. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** What a user name may be in the development sign-in: what ./circles token accepts, minus shell surprises. */
    private static final Pattern USER = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");
    private static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "webmanifest", "application/manifest+json",
            "txt", "text/plain; charset=utf-8");

    private final Map<String, Buffer> files;
    private final boolean devSignIn;

    private WebApp(Map<String, Buffer> files, boolean devSignIn) {
        this.files = files;
        this.devSignIn = devSignIn;
    }

    /** The app built in dist (its index.html must exist); devSignIn adds POST /dev/token and says so to the app. */
    public static WebApp load(Path dist, boolean devSignIn) throws IOException {
        if (!Files.isRegularFile(dist.resolve("index.html"))) {
            throw new IOException("no web app at " + dist + ": build it with ./mvnw -B package -pl web-client");
        }
        Map<String, Buffer> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dist)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = "/" + dist.relativize(file).toString().replace('\\', '/');
                files.put(path, Buffer.buffer(Files.readAllBytes(file)));
            }
        }
        String mode = devSignIn ? "{\"mode\":\"dev\"}" : "{\"mode\":\"none\"}";
        files.putIfAbsent("/auth-config.json", Buffer.buffer(mode));
        return new WebApp(Collections.unmodifiableMap(files), devSignIn);
    }

    /** The app in a repository checkout, or null (with a note) when web-client has not been built there. */
    public static WebApp fromRepository(Path repo, boolean devSignIn) {
        try {
            return load(repo.resolve(DIST), devSignIn);
        } catch (IOException e) {
            System.err.println("circles-local: the gateway serves no web app: " + e.getMessage());
            return null;
        }
    }

    /** Answers a request outside /api. */
    void handle(HttpServerRequest req) {
        String path = req.path();
        if ("/dev/token".equals(path) && devSignIn) {
            devToken(req);
            return;
        }
        HttpServerResponse response = req.response();
        secure(response);
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader("allow", "GET, HEAD").putHeader("content-type", "application/problem+json")
                    .end(LocalGateway.problem(405, "Method Not Allowed", "the web app is only read"));
            return;
        }
        Buffer file = files.get(path);
        String name = path;
        if (file == null || path.endsWith("/")) {
            if (path.startsWith("/assets/")) {
                response.setStatusCode(404).putHeader("content-type", "application/problem+json")
                        .end(LocalGateway.problem(404, "Not Found", "no such asset"));
                return;
            }
            file = files.get("/index.html");
            name = "/index.html";
        }
        response.putHeader("content-type", type(name));
        response.putHeader("cache-control", name.startsWith("/assets/")
                ? "public, max-age=31536000, immutable"
                : "no-cache");
        if (req.method() == HttpMethod.HEAD) {
            response.putHeader("content-length", String.valueOf(file.length())).end();
        } else {
            response.end(file);
        }
    }

    private void devToken(HttpServerRequest req) {
        HttpServerResponse response = req.response();
        secure(response);
        response.putHeader("cache-control", "no-store");
        if (req.method() != HttpMethod.POST) {
            response.setStatusCode(405).putHeader("allow", "POST").putHeader("content-type", "application/problem+json")
                    .end(LocalGateway.problem(405, "Method Not Allowed", "POST {\"user\", \"admin\"}"));
            return;
        }
        req.body().onSuccess(body -> {
            JsonObject json;
            try {
                json = body.length() > 4096 ? null : new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                json = null;
            }
            Object user = json == null ? null : json.getValue("user");
            Object admin = json == null ? null : json.getValue("admin");
            if (!(user instanceof String name) || !USER.matcher(name).matches()
                    || (admin != null && !(admin instanceof Boolean))) {
                response.setStatusCode(400).putHeader("content-type", "application/problem+json")
                        .end(LocalGateway.problem(400, "Bad Request", "send {\"user\": 1 to 64 letters, digits, '.',"
                                + " '_' or '-', \"admin\": true|false}"));
                return;
            }
            Set<String> groups = new LinkedHashSet<>(List.of("user"));
            if (Boolean.TRUE.equals(admin)) {
                groups.add("platform-admin");
            }
            String token = DevTokens.mint(name, groups, DEV_TOKEN_TTL);
            response.putHeader("content-type", "application/json")
                    .end(new JsonObject().put("user", name).put("admin", Boolean.TRUE.equals(admin))
                            .put("token", token).encode());
        }).onFailure(error -> response.setStatusCode(400).putHeader("content-type", "application/problem+json")
                .end(LocalGateway.problem(400, "Bad Request", "unreadable body")));
    }

    static void secure(HttpServerResponse response) {
        response.putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("x-frame-options", "DENY")
                .putHeader("permissions-policy", "geolocation=(self), camera=(), microphone=()")
                .putHeader("cross-origin-opener-policy", "same-origin");
    }

    private static String type(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
