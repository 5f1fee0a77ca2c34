package io.circles.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.circles.test.Tokens;
import io.circles.test.consistency.ConsistencyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenario 5: Redis loses every key under load; feed-service is told to rebuild and replays the topics. */
@Tag("reliability")
class RedisDataLossIT {

    private static ReliablePlatform platform;
    private static Workload workload;

    @BeforeAll
    static void startPlatform() {
        platform = ReliablePlatform.get();
        workload = Workload.get(platform);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void afterAFlushTheRebuiltFeedsMatchTheSourcesAgain() throws IOException {
        Http operator = new Http(platform.gatewayUrl(), "platform-admin");
        List<LoadDriver.Failure> failures;
        String answers;
        ConsistencyReport lost;
        try (LoadDriver load = LoadDriver.start(platform, workload)) {
            load.runFor(Duration.ofSeconds(5));
            assertEquals("+OK", flushAll(platform.infrastructure().redis().port()));
            // The loss is visible: members are missing their communities' posts.
            lost = platform.checker().check();
            Http.Reply started = operator.send(Tokens.newUserId("operator"), "POST", "/api/feeds/admin/rebuild", null);
            assertEquals(202, started.status(), started::toString);
            load.runFor(Duration.ofSeconds(10));
            load.close();
            failures = load.failures();
            answers = load.summary();
        }

        ConsistencyReport report = platform.checker().alsoReadFeedsOf(workload.users())
                .awaitConsistent(Duration.ofSeconds(120));
        assertAll(
                () -> assertTrue(lost.violations().stream().anyMatch(v -> "timeline-missing".equals(v.rule())),
                        "the checker sees the lost timelines: " + lost),
                () -> assertEquals(List.of(), failures, "every call answers 2xx; " + answers),
                () -> assertTrue(report.consistent(), report::toString));
    }

    /** FLUSHALL over a plain socket: the fault comes from outside the services. */
    private static String flushAll(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                reply.append((char) c);
            }
            return reply.toString();
        }
    }
}
