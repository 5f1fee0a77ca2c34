package io.circles.local;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local API gateway: a Vert.x reverse proxy routing /api/* prefixes to the services on their ports. It applies the
 * edge limits of the compose and Kubernetes gateways: a body declared over {@link #MAX_BODY_BYTES} gets 413 without
 * going upstream, headers are capped at 16K, and past {@link #MAX_CONNECTIONS} open connections the extra ones are
 * answered 429 and closed.
 */
public final class LocalGateway implements AutoCloseable {

    public static final int DEFAULT_PORT = 8080;
    /** Path prefix to upstream port, as the services are laid out by LocalStack. */
    public static final Map<String, Integer> DEFAULT_ROUTES = defaultRoutes();

    /** The services' own quarkus.http.limits.max-body-size (256K). */
    public static final long MAX_BODY_BYTES = 256 * 1024;
    /**
     * Uploads PUT to the object store under {@link LocalS3#GATEWAY_PREFIX} are streamed through up to the largest media
     * (a 200 MB video); the signed URL binds the exact length, so the store refuses anything else.
     */
    public static final long MAX_UPLOAD_BYTES = 200L * 1024 * 1024;
    /** The longest request target passed on, as the services serve it (platform-runtime's UriLengthLimit). */
    public static final int MAX_URI = 4096;
    /** Open client connections (live streams hold one each); all local clients share one address, so no per-address cap. */
    public static final int MAX_CONNECTIONS = 1024;
    /** Requests waiting for a pooled upstream connection, per upstream, before the gateway answers 502. */
    private static final int MAX_WAITING_PER_UPSTREAM = 1024;

    private static final String PROBLEM_JSON = "application/problem+json";

    static final String REQUEST_ID = "X-Request-Id";
    /** How long a refused upload may go on being sent (and dropped) before the connection is closed anyway. */
    private static final long LINGER_MILLIS = 2_000;

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Integer> routes;

    private LocalGateway(Vertx vertx, HttpServer server, Map<String, Integer> routes) {
        this.vertx = vertx;
        this.server = server;
        this.routes = routes;
    }

    /** Starts the gateway with the default routes. */
    public static LocalGateway start(int port) throws IOException {
        return start(port, DEFAULT_ROUTES);
    }

    /** The default routes plus the object store's path (its port is chosen at start), for uploads and nothing else. */
    public static Map<String, Integer> withObjectStore(Map<String, Integer> routes, int objectStorePort) {
        Map<String, Integer> all = new LinkedHashMap<>(routes);
        all.put(LocalS3.GATEWAY_PREFIX, objectStorePort);
        return all;
    }

    /** Starts the gateway on port (0 = any free port) with these prefix to upstream port routes. */
    public static LocalGateway start(int port, Map<String, Integer> routes) throws IOException {
        return start(port, routes, Map.of(), null);
    }

    /**
     * Same, with the API documentation at {@code /api/docs} listing these services' OpenAPI documents (service name
     * to port; none: the page lists nothing) and webApp (when not null) served at every other path outside /api.
     */
    public static LocalGateway start(int port, Map<String, Integer> routes, Map<String, Integer> documented,
            WebApp webApp) throws IOException {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(2000)
                .setMaxInitialLineLength(16 * 1024),
                // A request waiting for a pooled connection looks like a hang (SSE streams hold theirs): be generous.
                new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(MAX_WAITING_PER_UPSTREAM));
        Map<Integer, HttpProxy> proxies = new LinkedHashMap<>();
        Integer objectStore = routes.get(LocalS3.GATEWAY_PREFIX);
        for (int upstream : routes.values()) {
            proxies.computeIfAbsent(upstream, p -> {
                HttpProxy proxy = HttpProxy.reverseProxy(client).origin(p, "127.0.0.1");
                if (p.equals(objectStore)) {
                    proxy.addInterceptor(new KeepHost());
                }
                proxy.addInterceptor(new BadGateway(p));
                proxy.addInterceptor(new ClientGone());
                return proxy;
            });
        }
        Map<String, Integer> table = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        ApiDocs docs = new ApiDocs(client, documented);
        AtomicInteger open = new AtomicInteger();
        Set<HttpConnection> excess = ConcurrentHashMap.newKeySet();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("0.0.0.0").setPort(port)
                        .setMaxHeaderSize(16 * 1024)
                        // Longer lines than the services serve reach the handler, which answers a problem+json 414.
                        .setMaxInitialLineLength(64 * 1024))
                .connectionHandler(connection -> {
                    if (open.incrementAndGet() > MAX_CONNECTIONS) {
                        excess.add(connection);
                    }
                    connection.closeHandler(closed -> {
                        open.decrementAndGet();
                        excess.remove(connection);
                    });
                })
                .requestHandler(req -> {
                    if (excess.contains(req.connection())) {
                        refuse(req, 429, problem(429, "Too Many Requests", "the gateway has too many open connections;"
                                + " nothing was changed"));
                        return;
                    }
                    if (ApiDocs.owns(req.path())) {
                        docs.handle(req);
                        return;
                    }
                    route(req, table, proxies, webApp);
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IOException("gateway could not listen on port " + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the gateway", e);
        }
        LocalGateway gateway = new LocalGateway(vertx, server, table);
        ExitHooks.add(gateway);
        return gateway;
    }

    public int port() {
        return server.actualPort();
    }

    public Map<String, Integer> routes() {
        return routes;
    }

    @Override
    public void close() {
        ExitHooks.remove(this);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("circles-local: gateway did not stop cleanly: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "gateway on port " + port();
    }

    private static void route(HttpServerRequest req, Map<String, Integer> routes, Map<Integer, HttpProxy> proxies,
                              WebApp webApp) {
        String path = req.path();
        if ("/health".equals(path)) {
            req.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        if (req.uri().length() > MAX_URI) {
            refuse(req, 414, problem(414, "URI Too Long", "the request target is longer than " + MAX_URI
                    + " characters; nothing was changed"));
            return;
        }
        for (Map.Entry<String, Integer> r : routes.entrySet()) {
            String prefix = r.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                long limit = prefix.equals(LocalS3.GATEWAY_PREFIX) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
                if (declaredBodyTooLarge(req, limit)) {
                    refuse(req, 413, problem(413, "Content Too Large", "the request body is larger than "
                            + limit + " bytes; nothing was changed"));
                    return;
                }
                requestId(req);
                proxies.get(r.getValue()).handle(req);
                return;
            }
        }
        if (webApp != null && !path.equals("/api") && !path.startsWith("/api/")) {
            webApp.handle(req);
            return;
        }
        req.response().setStatusCode(404).putHeader("content-type", PROBLEM_JSON)
                .end(problem(404, "Not Found", "no route for " + path));
    }

    /**
     * Every request a service sees carries the gateway's request id ({@code X-Request-Id}): the client's own when it
     * sent a sane one, else a new one. Services log it and put it on their spans; the client gets it back.
     */
    private static void requestId(HttpServerRequest req) {
        String id = req.getHeader(REQUEST_ID);
        if (id == null || id.isBlank() || id.length() > 128) {
            id = UUID.randomUUID().toString();
            req.headers().set(REQUEST_ID, id);
        }
        req.response().putHeader(REQUEST_ID, id);
    }

    /** A chunked body carries no length: the service's own limit stops it. */
    private static boolean declaredBodyTooLarge(HttpServerRequest req, long limit) {
        String length = req.getHeader("content-length");
        try {
            return length != null && Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Answers without reading the body. An HTTP/1.x connection is then closed, so the unread body is not taken for the
     * next request; HTTP/2 drops the rest of the stream by itself.
     */
    private static void refuse(HttpServerRequest req, int status, String body) {
        boolean http1 = req.version() != HttpVersion.HTTP_2;
        req.response().setStatusCode(status).putHeader("content-type", PROBLEM_JSON);
        if (status == 429) {
            req.response().putHeader("retry-after", "1");
        }
        if (http1) {
            req.response().putHeader("connection", "close");
        }
        if (!http1) {
            req.response().end(body);
            return;
        }
        // Lingering close: drop what the client is still sending and close once it is done (or after a moment).
        // Closing with unread bytes resets the connection, and the client may then lose the answer it has not read.
        boolean[] ended = {req.isEnded()};
        if (!ended[0]) {
            req.handler(ignored -> { });
            req.endHandler(ignored -> ended[0] = true);
            req.resume();
        }
        req.response().end(body).onComplete(done -> {
            Context context = Vertx.currentContext();
            if (ended[0] || context == null) {
                req.connection().close();
                return;
            }
            long timer = context.owner().setTimer(LINGER_MILLIS, ignored -> req.connection().close());
            req.endHandler(ignored -> {
                context.owner().cancelTimer(timer);
                req.connection().close();
            });
        });
    }

    static String problem(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Map<String, Integer> defaultRoutes() {
        Map<String, Integer> r = new LinkedHashMap<>();
        r.put("/api/communities", 8081);
        r.put("/api/posts", 8081);
        r.put("/api/interests", 8081);
        r.put("/api/people", 8081);
        r.put("/api/topics", 8081);
        r.put("/api/activities", 8082);
        r.put("/api/merchants", 8083);
        r.put("/api/promotions", 8083);
        r.put("/api/sourcing", 8083);
        r.put("/api/feeds", 8084);
        r.put("/api/media", 8086);
        r.put("/api/notifications", 8085);
        return Collections.unmodifiableMap(r);
    }

    /**
     * Passes the client's Host header on instead of the upstream's: an upload URL is signed for the gateway's origin,
     * and the store checks the signature against the Host it receives.
     */
    private static final class KeepHost implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HostAndPort host = context.request().proxiedRequest().authority();
            if (host != null) {
                context.request().setAuthority(host);
            }
            return context.sendRequest();
        }
    }

    /** Turns "upstream unreachable" into a problem+json 502 instead of the proxy's empty one. */
    private static final class BadGateway implements ProxyInterceptor {
        private final int upstream;

        BadGateway(int upstream) {
            this.upstream = upstream;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(error -> {
                String body = problem(502, "Bad Gateway", "upstream 127.0.0.1:" + upstream + " is not reachable: "
                        + error.getMessage());
                ProxyResponse response = context.request().response()
                        .setStatusCode(502)
                        .putHeader("content-type", PROBLEM_JSON)
                        .setBody(Body.body(Buffer.buffer(body)));
                return Future.succeededFuture(response);
            });
        }
    }
}
