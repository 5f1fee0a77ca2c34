package io.circles.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}. Bad input is a 4xx with field-level messages;
 * only a genuine fault is a 500, and then without internals in the body.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /**
     * PostgreSQL errors (SQLSTATE at the end of the client's message) meaning "not now": connection exceptions (08…)
     * and a server shutting down or still starting after a restart (57P01-57P03, e.g. "the database system is
     * starting up"). Nothing was written; a retry in a few seconds succeeds.
     */
    private static final Pattern UNAVAILABLE_SQLSTATE = Pattern.compile("\\((08[0-9A-Z]{3}|57P0[123])\\)$");
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.isEmpty() ? "the request is invalid"
                : errors.get(0).field() + ": " + errors.get(0).message()
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        return respond(new Problem("about:blank", "Invalid request", 400, detail, errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(MismatchedInputException e) {
        String field = jsonPath(e);
        String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                : e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()
                        ? "must be one of " + List.of(ife.getTargetType().getEnumConstants())
                        : "has the wrong type" + expected(e);
        if (field.isEmpty()) {
            return respond(Problem.of(400, "Invalid request", "the request body has the wrong shape" + expected(e)));
        }
        return respond(new Problem("about:blank", "Invalid request", 400, field + ": " + message,
                List.of(new Problem.FieldError(field, message))));
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformed(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mie) {
            return unreadable(mie);
        }
        return respond(Problem.of(400, "Malformed JSON", "the request body is not valid JSON"));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "you may not do this"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(Problem.of(status, "Internal Server Error", "the request could not be completed"));
        }
        Response.StatusType info = original.getStatusInfo();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return malformed(jpe);
        }
        String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage() : info.getReasonPhrase();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, info.getReasonPhrase(), detail));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (isUnavailable(e)) {
            LOG.warnf("a dependency is unavailable: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .entity(Problem.of(503, "Service Unavailable",
                            "a dependency is unavailable; nothing was changed, retry in a few seconds"))
                    .build();
        }
        if (isUnstorableText(e)) {
            return respond(Problem.of(400, "Invalid request", "text may not contain NUL characters"));
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "Internal Server Error", "the request could not be completed"));
    }

    /**
     * True when PostgreSQL refused text it cannot store — a NUL character, in an id, a query parameter or a body
     * (SQLState 22021): bad input, and the statement's transaction wrote nothing.
     */
    static boolean isUnstorableText(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("(22021)")
                    || cause instanceof java.sql.SQLException sql && "22021".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the failure is a lost, refused or saturated connection to a dependency (database restart, network
     * blip, a full connection pool): the transaction did not commit, so the client may safely retry.
     */
    static boolean isUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof java.net.SocketException) {
                return true;
            }
            String type = cause.getClass().getName();
            if (type.equals("io.vertx.sqlclient.ClosedConnectionException")
                    || type.equals("io.netty.channel.ConnectTimeoutException")
                    || type.endsWith("ConnectException") || type.endsWith("PoolTooBusyException")) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Connection refused") || message.contains("Failed to read any response from the server")
                    // the connection dropped under a statement (Netty reports it as a plain IOException)
                    || cause instanceof java.io.IOException
                            && (message.contains("Connection reset") || message.contains("Broken pipe"))
                    || message.contains("the database system is shutting down")
                    || message.contains("terminating connection due to administrator command")
                    // Redis restarting and reading its dataset back answers LOADING until it is done
                    || message.contains("LOADING Redis is loading the dataset in memory")
                    // a saturated connection pool (Redis or SQL client): an overload, not a bug; retrying later is right
                    || message.contains("max wait queue size")
                    || UNAVAILABLE_SQLSTATE.matcher(message).find()) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required"))
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The JSON path of a violation: inside a request body, {@code create.request.venue.lat} becomes {@code venue.lat};
     * on a bare query or path parameter, the parameter's name.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // Bean Validation puts an element's index on the node that follows the collection
                    if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    } else if (node.isInIterable() && node.getKey() != null) {
                        field.append('[').append(node.getKey()).append(']');
                    }
                    String name = node.getName();
                    if (name != null && !name.startsWith("<")) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(name);
                    }
                }
            }
        }
        if (field.length() == 0) {
            return parameter != null ? parameter : "request";
        }
        return field.toString();
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return ": expected a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return ": expected true or false";
        }
        if (target == String.class || target.isEnum()) {
            return ": expected a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return ": expected an array";
        }
        return ": expected an object";
    }
}
