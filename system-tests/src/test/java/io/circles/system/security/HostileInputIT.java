package io.circles.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.circles.system.security.HostileRequests.Hostile;
import io.circles.system.security.OpenApiOperations.Operation;
import io.circles.test.ReceivedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever a client sends to any operation — generated from the operation's OpenAPI description and then
 * broken ({@link HostileRequests}) — the platform never answers 5xx, every 4xx is a problem+json, a body over the limit
 * gets 413, and a refused request leaves no row and no event behind.
 *
 * <p>The operations take turns, so each is hit at least {@code fuzz.hits} times (default 4; asserted), and each try
 * draws its request from its own seed ({@code fuzz.seed} + try number), so a failure names the one seed that replays
 * it. A request that gets no answer at all (a reset, a timeout) is a failure. A hostile header the HTTP client cannot
 * put on the wire is listed in the run's summary rather than silently counted as tried. A longer run is
 * {@code -Dfuzz.hits=40 -Dfuzz.seconds=1800}.
 */
class HostileInputIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    private static final int HITS = Integer.getInteger("fuzz.hits", 4);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 300));
    /** More rebuilds than this means the fixtures themselves are broken, not merely used up. */
    private static final int MAX_REBUILDS = 50;

    private static SecurityWorld world;
    private static List<Operation> operations;

    @BeforeAll
    static void createWorld() {
        world = SecurityWorld.create();
        operations = OpenApiOperations.all();
    }

    @Test
    void hostileRequestsAreRefusedCleanlyAndLeaveNothingBehind() throws Exception {
        List<String> failures = new ArrayList<>();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        int tried = 0;
        int rebuilds = 0;
        Map<String, Integer> hits = new TreeMap<>();
        operations.forEach(operation -> hits.put(operation.key(), 0));
        TreeMap<String, Integer> unsentHeaders = new TreeMap<>();
        int tries = HITS * operations.size();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        try (WriteLedger ledger = new WriteLedger()) {
            for (int i = 0; i < tries && System.nanoTime() < deadline; i++) {
                long seed = SEED + i;
                SplittableRandom random = new SplittableRandom(seed);
                // in turn, not drawn: every operation gets its share whatever the seed
                Operation operation = operations.get(i % operations.size());
                Hostile request;
                try {
                    request = new HostileRequests(world, random).generate(operation);
                } catch (SecurityWorld.FixtureFailure drift) {
                    // Some generated requests are valid and act for real (an owner's edit, a ban, a leave), so a
                    // shared fixture can stop being what the next request needs. A fixture call answering 5xx is
                    // a finding; any other refusal means the world drifted: it is rebuilt, not trusted.
                    if (drift.answer() != null && drift.answer().status() >= 500) {
                        failures.add("seed " + seed + ": fixture call for " + operation.key() + " → "
                                + drift.answer());
                    }
                    if (++rebuilds > MAX_REBUILDS) {
                        throw drift;
                    }
                    System.out.printf("hostile input: seed %d: world rebuilt (%s)%n", seed, drift.getMessage());
                    world = SecurityWorld.create();
                    ledger.settle();
                    continue;
                }
                boolean write = !"GET".equals(request.method()) && ledger.tracks(operation.service());
                String before = write ? ledger.fingerprint(operation.service()) : null;
                Instant sent = Instant.now();
                Api.Reply reply = world.apiFor(operation.path()).send(request.method(), request.path(),
                        request.token(), request.body(), request.contentType(), request.headers());
                Instant answered = Instant.now();
                tried++;
                hits.merge(operation.key(), 1, Integer::sum);
                reply.unsentHeaders().forEach(name -> unsentHeaders.merge(name, 1, Integer::sum));
                statuses.merge(reply.status(), 1, Integer::sum);
                String which = "seed " + seed + ": " + request.description() + " → ";
                if (reply.status() == 0) {
                    failures.add(which + "no answer: " + reply);
                } else if (reply.status() >= 500) {
                    failures.add(which + reply);
                } else if (reply.status() >= 400 && !reply.isProblem()) {
                    failures.add(which + "not a problem: " + reply);
                } else if (request.oversized() && reply.status() != 413) {
                    failures.add(which + "an oversized body was not refused with 413: " + reply);
                }
                if (!"GET".equals(request.method()) && reply.status() < 400) {
                    ledger.settle();
                }
                if (write && (reply.status() >= 400 || reply.status() == 0)) {
                    ledger.rejected(sent, answered);
                    String after = ledger.fingerprint(operation.service());
                    if (!before.equals(after)) {
                        failures.add(which + "refused with " + reply.status() + " but wrote: " + before + "→ "
                                + after);
                    }
                }
            }
            for (ReceivedEvent event : ledger.eventsDuringRejectedRequests()) {
                failures.add("event published while a request was being refused: " + event.type() + " "
                        + event.key() + " at " + event.time());
            }
        }
        hits.forEach((operation, count) -> {
            if (count < HITS) {
                failures.add(operation + " was tried " + count + " time(s), fewer than " + HITS
                        + " (the time budget ran out first: raise fuzz.seconds)");
            }
        });
        System.out.printf("hostile input: %d operations, %d requests tried (seed %d, at least %d each), statuses %s,"
                + " %d world rebuilds, %d failures%n", operations.size(), tried, SEED, HITS, statuses, rebuilds,
                failures.size());
        if (!unsentHeaders.isEmpty()) {
            System.out.printf("hostile input: headers the HTTP client cannot send, so those requests went without"
                    + " them: %s%n", unsentHeaders);
        }
        assertEquals(List.of(), failures, tried + " requests, " + failures.size() + " failures:\n"
                + String.join("\n", failures));
    }
}
