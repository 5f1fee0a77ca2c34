package io.circles.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.circles.platform.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes every service's OpenAPI document with the problem responses of {@code ProblemMappers}: an operation lists
 * the statuses it can answer by reference ({@link ProblemResponses}); this defines the referenced ones once, with the
 * {@code Problem} schema. Two statuses every operation can answer are added here rather than on each method: 401 to
 * an operation that needs a token, and 503 (a dependency unavailable, nothing changed). The bare 403 Quarkus adds to
 * every authenticated operation is dropped: an operation documents its own 403 when a rule can refuse the caller.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String RESPONSES = "#/components/responses/";
    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";

    /** What each shared response says, in status order. */
    static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(ProblemResponses.BAD_REQUEST,
                "The request is invalid: malformed JSON, a missing or wrong field or parameter (listed in `errors`).");
        DESCRIPTIONS.put(ProblemResponses.UNAUTHORIZED, "No valid bearer token.");
        DESCRIPTIONS.put(ProblemResponses.FORBIDDEN, "The caller may not do this.");
        DESCRIPTIONS.put(ProblemResponses.NOT_FOUND, "The resource does not exist or the caller may not see it.");
        DESCRIPTIONS.put(ProblemResponses.CONFLICT, "The request conflicts with the resource's current state.");
        DESCRIPTIONS.put(ProblemResponses.UNPROCESSABLE, "The request cannot be carried out as sent: an Idempotency-Key"
                + " reused for a different request, or an uploaded file that is not what it claims (nothing is kept).");
        DESCRIPTIONS.put(ProblemResponses.TOO_MANY_REQUESTS,
                "Too many requests from the caller (a write budget or a daily quota is used up); nothing was changed."
                        + " Retry after `Retry-After` seconds.");
        DESCRIPTIONS.put(ProblemResponses.SERVICE_UNAVAILABLE,
                "A dependency is unavailable; nothing was changed, retry after `Retry-After` seconds.");
    }

    private static final Set<String> RETRY_AFTER = Set.of(ProblemResponses.TOO_MANY_REQUESTS,
            ProblemResponses.SERVICE_UNAVAILABLE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> used = new TreeSet<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            if (path.getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getOperations().values()) {
                complete(operation);
                operation.getResponses().getAPIResponses().values().forEach(response -> {
                    String ref = response.getRef();
                    if (ref != null && ref.startsWith(RESPONSES)) {
                        used.add(ref.substring(RESPONSES.length()));
                    }
                });
            }
        }
        if (used.isEmpty()) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        DESCRIPTIONS.forEach((name, description) -> {
            if (used.contains(name)) {
                openAPI.getComponents().addResponse(name, response(name, description));
            }
        });
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        openAPI.getComponents().addSchema(FIELD_ERROR, fieldErrorSchema());
    }

    private static void complete(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured && isBare(responses.getAPIResponse("401"))) {
            responses.addAPIResponse("401", reference(ProblemResponses.UNAUTHORIZED));
        }
        if (isBare(responses.getAPIResponse("403"))) {
            responses.removeAPIResponse("403");
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse("503", reference(ProblemResponses.SERVICE_UNAVAILABLE));
        }
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
    }

    /** A response Quarkus added by itself: a description and nothing else. */
    private static boolean isBare(APIResponse response) {
        return response != null && response.getRef() == null && response.getContent() == null;
    }

    private static APIResponse reference(String name) {
        return OASFactory.createAPIResponse().ref(RESPONSES + name);
    }

    private static APIResponse response(String name, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        if (RETRY_AFTER.contains(name)) {
            Header retryAfter = OASFactory.createHeader().description("Seconds to wait before retrying, when known.")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
            response.addHeader("Retry-After", retryAfter);
        }
        return response;
    }

    /** The {@link Problem} record as a schema; {@code ProblemResponsesFilterTest} holds the two equal. */
    static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document, the body of every error response.")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty("type", string("A URI naming the kind of problem; `about:blank` when the status says it all."))
                .addProperty("title", string("The status's short meaning, e.g. `Not Found`."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status."))
                .addProperty("detail", string("What went wrong, for a person to read."))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Field-level failures of an invalid request.")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)))
                .examples(List.of(Map.of("type", "about:blank", "title", "Invalid request", "status", 400,
                        "detail", "name: must not be blank",
                        "errors", List.of(Map.of("field", "name", "message", "must not be blank")))));
    }

    static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid field of a request.")
                .required(List.of("field", "message"))
                .addProperty("field", string("A JSON path into the request, e.g. `venue.lat` or `media[2].url`."))
                .addProperty("message", string("What is wrong with it."));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
