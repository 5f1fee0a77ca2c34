package io.circles.platform.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Puts a resource method under the caller's write budget for a scope: over budget, the request gets a 429 with
 * {@code Retry-After} before its body is read. The budget is {@code circles.rate-limit.<scope>.requests} per
 * {@code circles.rate-limit.<scope>.window}, per user, shared by every replica through Redis. A name binding, so
 * {@link RateLimitFilter} runs on these methods only.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    /** Community posts, comments and merchant posts share one budget. */
    String POST = "post";
    String JOIN = "join";
    String RSVP = "rsvp";
    String PROMOTION = "promotion";
    /** Binds the filter; bindings match by annotation type, whatever the scope. */
    String ANY = "any";

    /** One of {@link #POST}, {@link #JOIN}, {@link #RSVP}, {@link #PROMOTION}. */
    String value();
}
