package io.circles.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void lostRefusedOrSaturatedConnectionsAreUnavailable() {
        assertTrue(ProblemMappers.isUnavailable(new RuntimeException("wrapped", new ConnectException("refused"))));
        assertTrue(ProblemMappers.isUnavailable(
                new IllegalStateException("the database system is starting up (57P03)")));
        assertTrue(ProblemMappers.isUnavailable(
                new IllegalStateException("Connection pool reached max wait queue size of 512")));
        // PostgresRestartIT: the database went away under an RSVP's statement
        assertTrue(ProblemMappers.isUnavailable(
                new CompletionException(new java.io.IOException("Connection reset by peer"))));
        // RedisOutageIT: a restarted Redis answers every command LOADING while it reads its dataset back
        assertTrue(ProblemMappers.isUnavailable(new IllegalStateException(
                "ERR [0] LOADING Redis is loading the dataset in memory, ERR [2] LOADING Redis is loading")));
    }

    @Test
    void ordinaryFailuresAreNotUnavailable() {
        assertFalse(ProblemMappers.isUnavailable(new IllegalStateException("duplicate key value (23505)")));
        assertFalse(ProblemMappers.isUnavailable(new NullPointerException()));
        assertFalse(ProblemMappers.isUnavailable(new java.io.IOException("unexpected end of stream")));
    }

    @Test
    void nulInTextIsBadInput() {
        assertTrue(ProblemMappers.isUnstorableText(new SQLException("invalid byte sequence", "22021")));
        assertTrue(ProblemMappers.isUnstorableText(
                new RuntimeException(new IllegalStateException("invalid byte sequence for encoding (22021)"))));
        assertFalse(ProblemMappers.isUnstorableText(new IllegalStateException("(23505)")));
    }
}
