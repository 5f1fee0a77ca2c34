package io.circles.platform.messaging;

/** A message that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
