package io.circles.platform.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The admission queue with a hand-driven clock: what is admitted, what waits, what is refused, and no leaked slot. */
class AdmissionQueueTest {

    /** Timers fired by the test, in order of due time. */
    private static final class ManualTimers implements AdmissionQueue.Timers {

        private final List<long[]> due = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();
        private long now;
        int cancelled;

        @Override
        public Object schedule(long delayMillis, Runnable task) {
            due.add(new long[] {now + delayMillis});
            tasks.add(task);
            return tasks.size() - 1;
        }

        @Override
        public void cancel(Object timer) {
            int i = (Integer) timer;
            if (tasks.get(i) != null) {
                tasks.set(i, null);
                cancelled++;
            }
        }

        void advance(long millis) {
            now += millis;
            for (int i = 0; i < tasks.size(); i++) {
                Runnable task = tasks.get(i);
                if (task != null && due.get(i)[0] <= now) {
                    tasks.set(i, null);
                    task.run();
                }
            }
        }

        int pending() {
            return (int) tasks.stream().filter(t -> t != null).count();
        }
    }

    /** Records what a waiter was told. */
    private static final class Outcome implements AdmissionQueue.Waiter {

        AdmissionQueue.Ticket admittedWith;
        AdmissionQueue.Refusal refusal;
        int calls;

        @Override
        public void admitted(AdmissionQueue.Ticket ticket) {
            admittedWith = ticket;
            calls++;
        }

        @Override
        public void refused(AdmissionQueue.Ticket ticket, AdmissionQueue.Refusal reason) {
            refusal = reason;
            calls++;
        }

        boolean admitted() {
            return admittedWith != null;
        }
    }

    private final ManualTimers timers = new ManualTimers();

    @Test
    void admitsUpToTheLimitAtOnceAndQueuesTheRest() {
        AdmissionQueue queue = new AdmissionQueue(2, 10, 100, timers);
        Outcome first = new Outcome();
        Outcome second = new Outcome();
        Outcome third = new Outcome();
        queue.enter(first);
        queue.enter(second);
        queue.enter(third);

        assertTrue(first.admitted());
        assertTrue(second.admitted());
        assertEquals(0, third.calls, "the third waits");
        assertEquals(2, queue.inFlight());
        assertEquals(1, queue.waiting());
    }

    @Test
    void aReleasedSlotGoesToTheLongestWaiterAndCancelsItsTimer() {
        AdmissionQueue queue = new AdmissionQueue(1, 10, 100, timers);
        AdmissionQueue.Ticket running = queue.enter(new Outcome());
        Outcome older = new Outcome();
        Outcome younger = new Outcome();
        queue.enter(older);
        timers.advance(10);
        queue.enter(younger);

        running.release();

        assertTrue(older.admitted());
        assertEquals(0, younger.calls);
        assertEquals(1, queue.inFlight());
        assertEquals(1, queue.waiting());
        assertEquals(1, timers.cancelled, "the admitted waiter's timer is cancelled");
        timers.advance(1_000);
        assertEquals(1, older.calls, "a cancelled timer does not refuse an admitted request later");
        assertEquals(AdmissionQueue.Refusal.TIMED_OUT, younger.refusal);
    }

    @Test
    void aWaiterIsRefusedWhenItsWaitRunsOutAndLeavesTheQueue() {
        AdmissionQueue queue = new AdmissionQueue(1, 10, 100, timers);
        AdmissionQueue.Ticket running = queue.enter(new Outcome());
        Outcome waiter = new Outcome();
        queue.enter(waiter);

        timers.advance(99);
        assertEquals(0, waiter.calls);
        timers.advance(1);

        assertEquals(AdmissionQueue.Refusal.TIMED_OUT, waiter.refusal);
        assertEquals(0, queue.waiting());
        running.release();
        assertEquals(0, queue.inFlight(), "the slot is free again, not handed to the refused waiter");
        assertEquals(1, waiter.calls);
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        AdmissionQueue queue = new AdmissionQueue(1, 1, 100, timers);
        queue.enter(new Outcome());
        queue.enter(new Outcome());
        Outcome third = new Outcome();
        queue.enter(third);

        assertEquals(AdmissionQueue.Refusal.QUEUE_FULL, third.refusal);
        assertEquals(1, queue.waiting());
        assertEquals(1, timers.pending(), "no timer for a refused request");
    }

    @Test
    void noWaitAtAllRefusesAtOnceWhenEverySlotIsTaken() {
        AdmissionQueue queue = new AdmissionQueue(1, 10, 0, timers);
        queue.enter(new Outcome());
        Outcome second = new Outcome();
        queue.enter(second);

        assertEquals(AdmissionQueue.Refusal.QUEUE_FULL, second.refusal);
        assertEquals(0, queue.waiting());
    }

    @Test
    void releasingTwiceFreesOneSlot() {
        AdmissionQueue queue = new AdmissionQueue(2, 10, 100, timers);
        AdmissionQueue.Ticket first = queue.enter(new Outcome());
        queue.enter(new Outcome());

        first.release();
        first.release();

        assertEquals(1, queue.inFlight());
    }

    @Test
    void aWaiterThatGoesAwayGivesUpItsPlaceAndIsNeverAdmitted() {
        AdmissionQueue queue = new AdmissionQueue(1, 10, 100, timers);
        AdmissionQueue.Ticket running = queue.enter(new Outcome());
        Outcome gone = new Outcome();
        AdmissionQueue.Ticket cancelled = queue.enter(gone);
        Outcome next = new Outcome();
        queue.enter(next);

        cancelled.release();
        assertEquals(1, queue.waiting());
        assertEquals(1, timers.cancelled, "its timer is cancelled");
        running.release();

        assertEquals(0, gone.calls);
        assertTrue(next.admitted());
        next.admittedWith.release();
        assertEquals(0, queue.inFlight());
        assertEquals(0, queue.waiting());
    }

    @Test
    void workThatFailsOrIsCancelledAfterAdmissionGivesItsSlotBack() {
        AdmissionQueue queue = new AdmissionQueue(1, 10, 100, timers);
        AdmissionQueue.Ticket failed = queue.enter(new Outcome());
        failed.release();
        Outcome second = new Outcome();
        queue.enter(second);
        assertTrue(second.admitted(), "the slot of the failed request is free");
        // A client that disconnects mid-response: the connection's close releases the same ticket.
        second.admittedWith.release();

        assertEquals(0, queue.inFlight());
        Outcome third = new Outcome();
        queue.enter(third);
        assertTrue(third.admitted());
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new AdmissionQueue(0, 10, 100, timers));
    }

    @Test
    void manyThreadsEnteringAndReleasingLeaveNoSlotBehind() throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            AdmissionQueue queue = new AdmissionQueue(4, 16, 5, new AdmissionQueue.Timers() {
                @Override
                public Object schedule(long delayMillis, Runnable task) {
                    return clock.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                }

                @Override
                public void cancel(Object timer) {
                    ((ScheduledFuture<?>) timer).cancel(false);
                }
            });
            int requests = 20_000;
            CountDownLatch answered = new CountDownLatch(requests);
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger maxSeen = new AtomicInteger();
            AtomicInteger running = new AtomicInteger();
            for (int i = 0; i < requests; i++) {
                workers.execute(() -> queue.enter(new AdmissionQueue.Waiter() {
                    @Override
                    public void admitted(AdmissionQueue.Ticket ticket) {
                        maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
                        admitted.incrementAndGet();
                        workers.execute(() -> {
                            running.decrementAndGet();
                            ticket.release();
                            answered.countDown();
                        });
                    }

                    @Override
                    public void refused(AdmissionQueue.Ticket ticket, AdmissionQueue.Refusal reason) {
                        refused.incrementAndGet();
                        answered.countDown();
                    }
                }));
            }
            assertTrue(answered.await(30, TimeUnit.SECONDS), "every request is answered");
            assertEquals(requests, admitted.get() + refused.get());
            assertTrue(maxSeen.get() <= 4, "never more than the limit at once: " + maxSeen.get());
            assertEquals(0, queue.inFlight());
            assertEquals(0, queue.waiting());
        } finally {
            workers.shutdownNow();
            clock.shutdownNow();
        }
    }
}
