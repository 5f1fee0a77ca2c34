package io.circles.platform.web;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Reads a request body that clients may leave out entirely (a one-tap join sends nothing, often without a
 * Content-Type): absent or blank is {@code null}; anything else must be valid JSON of the type, or it is a 400.
 */
@ApplicationScoped
public class OptionalBody {

    private final ObjectMapper json;
    private final Validator validator;

    OptionalBody(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        T value = json.readValue(body, type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
