package io.cadenza.api.accounts;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.twofactor.TwoFactor;
import io.cadenza.api.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the configured admin at start-up, once: the way in for the first admin, who then creates the others. */
@Context
@Requires(property = "cadenza.auth.admin-email")
public class ConfiguredAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredAdmin.class);

    private final AuthConfiguration configuration;
    private final AccountStore accounts;
    private final AccountRegistration registration;
    private final TwoFactor twoFactor;

    public ConfiguredAdmin(AuthConfiguration configuration, AccountStore accounts, AccountRegistration registration,
            TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
        this.configuration = configuration;
        this.accounts = accounts;
        this.registration = registration;
    }

    @PostConstruct
    void createWhenAbsent() {
        String email = configuration.adminEmail();
        if (accounts.findByEmail(email).isPresent()) {
            return;
        }
        if (configuration.adminPassword() == null) {
            throw new IllegalStateException("cadenza.auth.admin-email is set but cadenza.auth.admin-password is not");
        }
        try {
            Account admin = registration.registerConfiguredAdmin(email, configuration.adminPassword());
            if (configuration.adminTotpSecret() != null) {
                twoFactor.enrolConfigured(admin.id(), configuration.adminTotpSecret());
            }
            LOG.info("Created the configured admin account {}{}", admin.id(), configuration.adminTotpSecret() == null
                    ? " (it enrols a second factor at its first sign-in)" : " with its configured second factor");
        } catch (ProblemException e) {
            if (e.type() != ProblemType.EMAIL_TAKEN) {
                throw new IllegalStateException("the configured admin could not be created: " + e.getMessage() + " "
                        + e.fieldErrors());
            }
            // Another instance created it first.
        }
    }
}
