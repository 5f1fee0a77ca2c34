package io.circles.platform.overload;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Admits at most {@code maxInFlight} pieces of work at once; the next ones wait in a bounded FIFO queue for at most
 * {@code maxWaitMillis}, and are refused when the queue is full or their wait runs out. Nothing blocks: a waiter is a
 * callback, resumed by whoever releases a slot, or refused by its timer. A service that answers a request it cannot
 * start soon at once, rather than after the client gave up, keeps serving the rest at the speed it can.
 *
 * <p>Thread-safe: requests of several event loops share one queue. Callbacks run outside the lock, on the thread that
 * caused them (the caller of {@link #enter}, of {@link Ticket#release} or the timer's); the caller moves them to the
 * right thread if it must.
 */
public final class AdmissionQueue {

    /** Schedules a task once after a delay; {@link #cancel} is called with what {@link #schedule} returned. */
    public interface Timers {

        Object schedule(long delayMillis, Runnable task);

        void cancel(Object timer);
    }

    /** What a ticket's work is told: it may start (and must then {@link Ticket#release} when done), or not. */
    public interface Waiter {

        void admitted(Ticket ticket);

        void refused(Ticket ticket, Refusal refusal);
    }

    /** Why work was refused: the queue was full on arrival, or the wait for a slot ran out. */
    public enum Refusal {
        QUEUE_FULL("queue-full"), TIMED_OUT("timed-out");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        /** The value of the refusal's metric tag. */
        public String tag() {
            return tag;
        }
    }

    private enum State { WAITING, ADMITTED, DONE }

    private final int maxInFlight;
    private final int maxQueued;
    private final long maxWaitMillis;
    private final Timers timers;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int inFlight;

    public AdmissionQueue(int maxInFlight, int maxQueued, long maxWaitMillis, Timers timers) {
        if (maxInFlight < 1 || maxQueued < 0 || maxWaitMillis < 0) {
            throw new IllegalArgumentException("max-in-flight must be at least 1, max-queued and max-queue-wait at"
                    + " least 0");
        }
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.maxWaitMillis = maxWaitMillis;
        this.timers = timers;
    }

    /**
     * Asks for a slot: the waiter is told at once when one is free or the queue is full, otherwise when a slot frees
     * up or the wait runs out. Releasing the ticket before either (the client went away) gives up its place.
     */
    public Ticket enter(Waiter waiter) {
        Ticket ticket = new Ticket(waiter);
        boolean admitted;
        boolean queued = false;
        synchronized (this) {
            admitted = inFlight < maxInFlight && waiting.isEmpty();
            if (admitted) {
                inFlight++;
                ticket.state = State.ADMITTED;
            } else if (waiting.size() < maxQueued && maxWaitMillis > 0) {
                waiting.addLast(ticket);
                queued = true;
            } else {
                ticket.state = State.DONE;
            }
        }
        if (admitted) {
            waiter.admitted(ticket);
        } else if (queued) {
            Object timer = timers.schedule(maxWaitMillis, () -> timedOut(ticket));
            synchronized (this) {
                if (ticket.state == State.WAITING) {
                    ticket.timer = timer;
                    timer = null;
                }
            }
            if (timer != null) {
                // Admitted (or gone) before the timer was even known: it has nothing left to do.
                timers.cancel(timer);
            }
        } else {
            waiter.refused(ticket, Refusal.QUEUE_FULL);
        }
        return ticket;
    }

    /** Work admitted and not yet released. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Work waiting for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void timedOut(Ticket ticket) {
        synchronized (this) {
            if (ticket.state != State.WAITING) {
                return;
            }
            remove(ticket);
            ticket.state = State.DONE;
            ticket.timer = null;
        }
        ticket.waiter.refused(ticket, Refusal.TIMED_OUT);
    }

    private void release(Ticket ticket) {
        Ticket next = null;
        Object cancelled = null;
        synchronized (this) {
            if (ticket.state == State.WAITING) {
                remove(ticket);
                cancelled = ticket.timer;
            } else if (ticket.state == State.ADMITTED) {
                next = waiting.pollFirst();
                if (next == null) {
                    inFlight--;
                } else {
                    // The slot passes straight to the longest waiter: inFlight stays as it is.
                    next.state = State.ADMITTED;
                }
            }
            ticket.state = State.DONE;
            ticket.timer = null;
            if (next != null) {
                Object timer = next.timer;
                next.timer = null;
                cancelled = timer;
            }
        }
        if (cancelled != null) {
            timers.cancel(cancelled);
        }
        if (next != null) {
            next.waiter.admitted(next);
        }
    }

    private void remove(Ticket ticket) {
        for (Iterator<Ticket> it = waiting.iterator(); it.hasNext(); ) {
            if (it.next() == ticket) {
                it.remove();
                return;
            }
        }
    }

    /** One request for a slot. {@link #release} is idempotent and safe from any state and any thread. */
    public final class Ticket {

        private final Waiter waiter;
        private State state = State.WAITING;
        private Object timer;

        private Ticket(Waiter waiter) {
            this.waiter = waiter;
        }

        /** Gives the slot back (work done, failed or abandoned), or the place in the queue if not admitted yet. */
        public void release() {
            AdmissionQueue.this.release(this);
        }
    }
}
