package io.circles.platform.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.impl.types.ErrorType;
import org.jboss.logging.Logger;

/**
 * Tells a failure that passes (the store a consumer writes to is down, restarting or failing over) from one that never
 * will (the record cannot be read, the store refuses the command). A consumer retries the first kind in place and
 * dead-letters the second: a consumer that dead-lettered every failure sent everything it read during a Redis outage
 * to the dead-letter topic, and those writes were lost to the feeds.
 *
 * <p>A record retried in place holds its partition (and the consumer's committed offset) until the store is back.
 * Past {@code throttled.unprocessed-record-max-age.ms} (60 s) the Kafka connector reports the channel unhealthy, so
 * an orchestrator restarts the replica, which resumes from the committed offset: an outage delays, it loses nothing.
 *
 * <p>Once the application is stopping ({@link ApplicationStopping}), work that fails is neither retried nor reported:
 * its clients are closing under it, so the failure says nothing about the record. The record stays unacknowledged and
 * uncommitted, and whichever replica owns its partition next processes it again.
 */
public final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);

    /**
     * Redis error replies a later attempt gets past: loading after a restart, a busy script, a failover, and the
     * client's own report of a request its connection closed on.
     */
    private static final Set<String> TRANSIENT_REPLIES = Set.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN",
            "MASTERDOWN", "READONLY", "NOREPLICAS", "CONNECTION_CLOSED");
    private static final Pattern BATCHED = Pattern.compile("ERR \\[\\d+\\] ");
    /** A Java exception's {@code toString()}: its class name, then a colon or nothing. */
    private static final Pattern CLIENT_FAILURE = Pattern.compile("([a-z_][\\w]*(?:\\.[\\w$]+)+)(?::|$)");
    private static final int MAX_CAUSES = 16;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(100);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);

    private static volatile boolean stopping;

    private TransientFailures() {
    }

    /**
     * True for a failure to reach the store (refused or dropped connections, timeouts, a pool with no connection to
     * give) and for Redis's and PostgreSQL's replies that say "not now"; false for a record that cannot be read and for
     * every other reply of the store, which would refuse the same command again.
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (cause instanceof UnprocessableEventException || cause instanceof JacksonException) {
                return false;
            }
            if (cause instanceof ErrorType reply) {
                return isTransientReply(reply);
            }
            String sqlState = sqlState(cause);
            if (sqlState != null) {
                return isTransientSqlState(sqlState);
            }
        }
        depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (cause instanceof IOException || cause instanceof VertxException
                    || cause instanceof NoStackTraceThrowable
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} (again, from the start, for each attempt: it must be idempotent, as every consumer's work is
     * under at-least-once delivery) until it succeeds or fails for good, backing off from 100 ms to 5 s between
     * attempts while the failure is transient. The first transient failure of the work is logged, and so is a failure
     * for good (the consumer dead-letters the record). While the application stops, a failure ends nothing: the
     * returned Uni never completes and the record is left for redelivery.
     */
    public static <T> Uni<T> retried(Supplier<Uni<T>> work, String what) {
        AtomicBoolean logged = new AtomicBoolean();
        Predicate<Throwable> retryable = failure -> !stopping && isTransient(failure);
        return Uni.createFrom().deferred(work::get)
                .onFailure(retryable).invoke(failure -> {
                    if (logged.compareAndSet(false, true)) {
                        LOG.warnf("%s failed (%s); retrying until the store answers", what, failure.toString());
                    }
                })
                .onFailure(retryable).retry()
                .withBackOff(FIRST_BACK_OFF, MAX_BACK_OFF).withJitter(0.2).indefinitely()
                .onFailure(failure -> stopping).recoverWithUni(failure -> {
                    LOG.infof("%s left for redelivery: the service is stopping (%s)", what, failure.toString());
                    return Uni.createFrom().nothing();
                })
                .onFailure().invoke(failure -> LOG.errorf(failure, "%s failed for good: dead-lettered", what));
    }

    /** Set as the application begins to stop, before its clients close; cleared as it starts. */
    static void stopping(boolean value) {
        stopping = value;
    }

    /**
     * PostgreSQL's error classes a later attempt gets past: connection exceptions (08), insufficient resources (53),
     * the server shutting down or starting up (57P01-57P03), a serialization failure or a deadlock (40001, 40P01). A
     * violated constraint or a bad statement (every other class) fails the same way again.
     */
    static boolean isTransientSqlState(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("40001") || sqlState.equals("40P01");
    }

    /**
     * The SQLSTATE of a database's error reply: a JDBC {@link java.sql.SQLException}, or the reactive SQL client's
     * {@code io.vertx.sqlclient.DatabaseException} (a {@link VertxException}, so it must be told apart from the
     * client's connection failures; looked up by name, as not every service has the SQL client). Null otherwise.
     */
    private static String sqlState(Throwable cause) {
        if (cause instanceof java.sql.SQLException sql) {
            return sql.getSQLState() == null ? "" : sql.getSQLState();
        }
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("io.vertx.sqlclient.DatabaseException")) {
                try {
                    Object state = type.getMethod("getSqlState").invoke(cause);
                    return state == null ? "" : state.toString();
                } catch (ReflectiveOperationException e) {
                    return "";
                }
            }
        }
        return null;
    }

    /**
     * A reply that says "not now", or the client's own report of a failure of the connection a batch was on: the client
     * reports a batch's unanswered commands as {@code ERR [i] } and the exception, {@code ERR [0]
     * java.net.SocketException: Connection reset} when Redis went away mid-batch. Any other reply is a refusal.
     */
    static boolean isTransientReply(ErrorType reply) {
        String code = code(reply);
        if (TRANSIENT_REPLIES.contains(code)) {
            return true;
        }
        String message = unbatched(reply);
        Matcher failure = CLIENT_FAILURE.matcher(message);
        return failure.lookingAt() && isConnectionFailure(failure.group(1));
    }

    /** True for the name of an I/O, Vert.x or timeout exception class. */
    private static boolean isConnectionFailure(String className) {
        try {
            Class<?> type = Class.forName(className, false, TransientFailures.class.getClassLoader());
            return IOException.class.isAssignableFrom(type) || VertxException.class.isAssignableFrom(type)
                    || java.util.concurrent.TimeoutException.class.isAssignableFrom(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The reply's error code. The client reports a failed command of a batch as {@code ERR [i] <reply>}, and requests
     * a closing connection leaves unanswered as {@code CONNECTION_CLOSED} (as {@code ERR [i] CONNECTION_CLOSED} in a
     * batch): the code is that of the reply inside.
     */
    static String code(ErrorType reply) {
        String message = unbatched(reply);
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    /** The reply's message without the client's {@code ERR [i] } prefix of a batch's failed command. */
    private static String unbatched(ErrorType reply) {
        String message = reply.getMessage() == null ? "" : reply.getMessage();
        Matcher batched = BATCHED.matcher(message);
        return batched.lookingAt() ? message.substring(batched.end()) : message;
    }
}
