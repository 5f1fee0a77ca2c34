package io.circles.media.inspect;

/** The stored bytes are not an upload we accept; the message says why, for the 422 problem. */
public class Refused extends Exception {

    public Refused(String message) {
        super(message);
    }

    public Refused(String message, Throwable cause) {
        super(message, cause);
    }
}
