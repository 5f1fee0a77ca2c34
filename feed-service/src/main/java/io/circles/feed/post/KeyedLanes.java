package io.circles.feed.post;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs work items concurrently, up to {@code limit} at once, each after the previous item of the same key has
 * finished (succeeded or failed), so items of one key keep their arrival order. {@link #submit} answers at once while
 * there is room and otherwise when an item finishes: a consumer that awaits it receives no more than {@code limit}
 * records ahead of the ones done. Submitted by one caller at a time (a channel delivers one record at a time); items
 * finish on any thread.
 */
final class KeyedLanes {

    private final int limit;
    /** The last item submitted per key, until it finishes. */
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private int running;
    /** Completed when there is room again; set while the caller waits for it. */
    private CompletableFuture<Void> room;

    KeyedLanes(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Starts {@code work} once the previous item of {@code key} has finished; {@code finished} gets its failure, or
     * null. The returned Uni completes when another item may be submitted.
     */
    Uni<Void> submit(String key, Supplier<Uni<Void>> work, Consumer<Throwable> finished) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        CompletableFuture<Void> wait = null;
        synchronized (this) {
            previous = tails.put(key, done);
            running++;
            if (running >= limit) {
                room = new CompletableFuture<>();
                wait = room;
            }
        }
        Runnable start = () -> {
            Uni<Void> item;
            try {
                item = work.get();
            } catch (RuntimeException e) {
                item = Uni.createFrom().failure(e);
            }
            item.subscribe().with(ok -> finish(key, done, null, finished),
                    failure -> finish(key, done, failure, finished));
        };
        if (previous == null) {
            start.run();
        } else {
            previous.whenComplete((ok, failure) -> start.run());
        }
        return wait == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(wait);
    }

    /** Items submitted and not finished. */
    synchronized int running() {
        return running;
    }

    private void finish(String key, CompletableFuture<Void> done, Throwable failure,
            Consumer<Throwable> finished) {
        try {
            finished.accept(failure);
        } finally {
            CompletableFuture<Void> freed = null;
            synchronized (this) {
                tails.remove(key, done);
                running--;
                if (room != null && running < limit) {
                    freed = room;
                    room = null;
                }
            }
            done.complete(null);
            if (freed != null) {
                freed.complete(null);
            }
        }
    }
}
