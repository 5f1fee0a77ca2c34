package io.circles.platform.openapi;

/**
 * Names of the shared problem responses an operation lists in its OpenAPI description, e.g.
 * {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}. {@link ProblemResponsesFilter} defines
 * the ones a document uses, each an {@code application/problem+json} body with the {@code Problem} schema.
 */
public final class ProblemResponses {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String UNPROCESSABLE = "Unprocessable";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private ProblemResponses() {
    }
}
