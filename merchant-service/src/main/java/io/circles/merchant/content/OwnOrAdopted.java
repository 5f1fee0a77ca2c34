package io.circles.merchant.content;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A listed product is either the merchant's own (a title and a currency) or an adopted sourcing offer (which brings
 * its own title, currency and images, so the body sends none of them). Checked with the body's other constraints, so
 * one answer names every field that is wrong.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OwnOrAdopted.Check.class)
public @interface OwnOrAdopted {

    String message() default "a product is its own (title, currency) or an adopted offer (offerId)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule, field by field. */
    class Check implements ConstraintValidator<OwnOrAdopted, ListProductRequest> {

        @Override
        public boolean isValid(ListProductRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (request.offerId() != null) {
                if (request.title() != null || request.currency() != null || request.images() != null) {
                    valid = violation(context, "offerId",
                            "an adopted offer brings its own title, currency and images: send only price and stock");
                }
                return valid;
            }
            if (request.title() == null || request.title().isBlank()) {
                valid = violation(context, "title", "must not be blank");
            }
            if (request.currency() == null) {
                valid = violation(context, "currency", "must not be null");
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
