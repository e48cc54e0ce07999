package io.cadenza.api.text;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Checks {@link Plain}: the field error says what the text holds that it must not. */
@Factory
class PlainTextConstraint {

    @Singleton
    ConstraintValidator<Plain, CharSequence> plainText() {
        return (value, annotation, context) -> {
            if (value == null) {
                return true;
            }
            Optional<String> refusal = PlainText.refusal(value);
            refusal.ifPresent(context::messageTemplate);
            return refusal.isEmpty();
        };
    }
}
