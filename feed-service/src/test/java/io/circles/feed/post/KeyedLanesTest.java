package io.circles.feed.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    private final List<String> started = new ArrayList<>();
    private final List<Throwable> outcomes = new ArrayList<>();

    /** An item that runs until its future is completed. */
    private Uni<Void> item(String name, CompletableFuture<Void> until) {
        started.add(name);
        return Uni.createFrom().completionStage(until);
    }

    @Test
    void itemsOfDifferentKeysRunTogetherAndOfOneKeyInOrder() {
        KeyedLanes lanes = new KeyedLanes(8);
        CompletableFuture<Void> a1 = new CompletableFuture<>();
        CompletableFuture<Void> b1 = new CompletableFuture<>();
        CompletableFuture<Void> a2 = new CompletableFuture<>();
        lanes.submit("a", () -> item("a1", a1), outcomes::add);
        lanes.submit("b", () -> item("b1", b1), outcomes::add);
        lanes.submit("a", () -> item("a2", a2), outcomes::add);
        assertEquals(List.of("a1", "b1"), started, "a2 waits for a1");

        a1.completeExceptionally(new IllegalStateException("a1 failed"));
        assertEquals(List.of("a1", "b1", "a2"), started, "a failed item still lets the next of its key run");
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0) instanceof IllegalStateException);

        a2.complete(null);
        b1.complete(null);
        assertEquals(3, outcomes.size());
        assertEquals(null, outcomes.get(1));
        assertEquals(0, lanes.running());
    }

    @Test
    void aSubmissionAtTheLimitAnswersWhenAnItemFinishes() {
        KeyedLanes lanes = new KeyedLanes(2);
        CompletableFuture<Void> first = new CompletableFuture<>();
        assertTrue(done(lanes.submit("a", () -> item("a", first), outcomes::add)));
        Uni<Void> atLimit = lanes.submit("b", () -> item("b", new CompletableFuture<>()), outcomes::add);
        AtomicBoolean answered = new AtomicBoolean();
        atLimit.subscribe().with(ok -> answered.set(true));
        assertFalse(answered.get(), "two running: no room for a third");

        first.complete(null);
        assertTrue(answered.get());
        assertEquals(1, lanes.running());
    }

    @Test
    void workThatThrowsIsAFailedItem() {
        KeyedLanes lanes = new KeyedLanes(1);
        Uni<Void> next = lanes.submit("a", () -> {
            throw new IllegalArgumentException("bad record");
        }, outcomes::add);
        assertTrue(done(next));
        assertTrue(outcomes.get(0) instanceof IllegalArgumentException);
        assertEquals(0, lanes.running());
    }

    @Test
    void aLaneHoldsAtLeastOneItem() {
        assertThrows(IllegalArgumentException.class, () -> new KeyedLanes(0));
    }

    private static boolean done(Uni<Void> uni) {
        AtomicBoolean done = new AtomicBoolean();
        uni.subscribe().with(ok -> done.set(true));
        return done.get();
    }
}
