package io.circles.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void lostRefusedOrSaturatedConnectionsAreUnavailable() {
        assertTrue(ProblemMappers.isUnavailable(new RuntimeException("wrapped", new ConnectException("refused"))));
        assertTrue(ProblemMappers.isUnavailable(
                new IllegalStateException("the database system is starting up (57P03)")));
        assertTrue(ProblemMappers.isUnavailable(
                new IllegalStateException("Connection pool reached max wait queue size of 512")));
    }

    @Test
    void ordinaryFailuresAreNotUnavailable() {
        assertFalse(ProblemMappers.isUnavailable(new IllegalStateException("duplicate key value (23505)")));
        assertFalse(ProblemMappers.isUnavailable(new NullPointerException()));
    }

    @Test
    void nulInTextIsBadInput() {
        assertTrue(ProblemMappers.isUnstorableText(new SQLException("invalid byte sequence", "22021")));
        assertTrue(ProblemMappers.isUnstorableText(
                new RuntimeException(new IllegalStateException("invalid byte sequence for encoding (22021)"))));
        assertFalse(ProblemMappers.isUnstorableText(new IllegalStateException("(23505)")));
    }
}
