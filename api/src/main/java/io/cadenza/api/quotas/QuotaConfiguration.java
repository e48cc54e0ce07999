package io.cadenza.api.quotas;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * What one account may make the platform store and pay for.
 *
 * @param mastersPerDay masters an artist may upload in any 24 hours (each costs the operator a registration)
 * @param bytesStored bytes of masters (audio, cover, metadata) an artist may have stored, pinned for good
 * @param openOfferingsPerMaster offerings of one master that may be open (being created or live) at once, unless an
 *     admin raised it for that master
 */
@ConfigurationProperties("cadenza.quotas")
public record QuotaConfiguration(
        @Bindable(defaultValue = "20") @Positive int mastersPerDay,
        @Bindable(defaultValue = "10737418240") @Positive long bytesStored,
        @Bindable(defaultValue = "1") @Positive int openOfferingsPerMaster) {}
