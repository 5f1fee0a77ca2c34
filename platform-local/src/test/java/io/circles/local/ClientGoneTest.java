package io.circles.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up in the middle of a streamed answer, many at once (as wrk does at the end of a run, or a phone
 * leaving a screen): the gateway's console stays quiet. Before the fix, a few dozen of these 2,560 hang-ups each
 * printed Netty's "Failed to mark a promise as failure" with an {@code IllegalReferenceCountException}.
 */
class ClientGoneTest {

    private static final int CLIENTS = 64;
    private static final int HANG_UPS_EACH = 40;

    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;
    private Level rootLevel;
    private Vertx vertx;
    private HttpServer upstream;
    private LocalGateway gateway;

    @BeforeEach
    void start() throws Exception {
        capture = new AbstractAppender("client-gone-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.toImmutable());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        rootLevel = context.getConfiguration().getRootLogger().getLevel();
        context.getConfiguration().getRootLogger().setLevel(Level.WARN); // log4j2's default configuration: ERROR
        context.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
        context.updateLoggers();

        // An upstream that streams its answer in 4 KB chunks, one every millisecond, for about 100 ms.
        vertx = Vertx.vertx();
        String chunk = "x".repeat(4096);
        upstream = vertx.createHttpServer().requestHandler(req -> {
            var response = req.response().setChunked(true);
            response.write(chunk);
            int[] sent = {0};
            vertx.setPeriodic(1, timer -> {
                if (response.closed() || response.ended() || sent[0]++ > 100) {
                    vertx.cancelTimer(timer);
                    if (!response.closed() && !response.ended()) {
                        response.end();
                    }
                } else {
                    response.write(chunk);
                }
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = LocalGateway.start(0, Map.of("/api/feeds", upstream.actualPort()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(capture.getName());
        context.getConfiguration().getRootLogger().setLevel(rootLevel);
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void clientsHangingUpMidAnswerLeaveNoStackTraces() throws Exception {
        // The capture sees what Netty logs: without this, a silent console could mean a deaf test.
        InternalLoggerFactory.getInstance(ClientGoneTest.class).warn("capture check");
        assertTrue(logged.stream().anyMatch(event -> event.getMessage().getFormattedMessage().equals("capture check")),
                "Netty's warnings should reach the test's appender");
        logged.clear();

        AtomicInteger hungUp = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < HANG_UPS_EACH; i++) {
                    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
                        socket.getOutputStream().write("GET /api/feeds/me HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        InputStream in = socket.getInputStream();
                        if (in.read(new byte[128]) > 0) {
                            hungUp.incrementAndGet();
                        }
                        Thread.sleep(i % 5);
                        if (i % 2 == 0) {
                            socket.setSoLinger(true, 0); // a reset rather than a close
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Thread.sleep(500); // the last writes to closed connections fail after the clients are gone

        assertEquals(CLIENTS * HANG_UPS_EACH, hungUp.get(), "every client should have hung up mid-answer");
        List<String> problems = logged.stream().map(event -> event.getLevel() + " " + event.getLoggerName() + ": "
                + event.getMessage().getFormattedMessage()
                + (event.getThrown() == null ? "" : " / " + event.getThrown())).toList();
        assertEquals(List.of(), problems, "the gateway's console after clients hung up");

        HttpResponse<String> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/api/feeds/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode());
        assertEquals(4096 * 102, after.body().length(), "a client that stays gets the whole answer");
    }
}
