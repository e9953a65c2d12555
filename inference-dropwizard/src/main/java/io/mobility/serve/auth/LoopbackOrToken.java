package io.mobility.serve.auth;

import io.mobility.serve.InferenceConfiguration;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Every connector binds a loopback address, or a token is set: a service reachable from other hosts never starts
 * open. Checked with the rest of the configuration, so {@code server} refuses to start and {@code check} fails, both
 * naming the connector, its address and the settings that fix it.
 */
@Constraint(validatedBy = LoopbackOrToken.Check.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LoopbackOrToken {

    String message() default "binds beyond loopback without authToken";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<LoopbackOrToken, InferenceConfiguration> {

        @Override
        public boolean isValid(InferenceConfiguration config, ConstraintValidatorContext context) {
            if (config == null || !config.getAuthToken().isBlank()) {
                return true;
            }
            List<ConnectorExposure.Exposed> exposed = ConnectorExposure.beyondLoopback(config.getServerFactory());
            if (exposed.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (ConnectorExposure.Exposed connector : exposed) {
                // a template: the interpolator would read { } $ \ in the message
                String message = connector.refusal().replaceAll("([{}$\\\\])", "\\\\$1");
                context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            }
            return false;
        }
    }
}
