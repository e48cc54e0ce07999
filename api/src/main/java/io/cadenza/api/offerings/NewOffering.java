package io.cadenza.api.offerings;

import io.cadenza.api.text.Plain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An offering's terms as the artist asks for them.
 *
 * @param pricePerShareMinorUnits the price of one share in the payment token's smallest unit (a decimal integer
 *     string: the token may have 18 decimals, beyond JSON's safe integers)
 * @param paymentToken what buyers pay with; the platform's stablecoin when absent
 * @param payoutToken what dividends are paid in; the platform's stablecoin when absent
 * @param name the share token's name; "{title} Shares" when absent
 * @param symbol the share token's symbol; "CDZ{tokenId}" when absent
 */
@Serdeable
public record NewOffering(
        // A JSON number read exactly: 1.5 is refused, not truncated to 1, and a 40-digit number is refused, not wrapped.
        @NotNull @Digits(integer = 13, fraction = 0, message = "must be a whole number of shares")
                @DecimalMin("1") @DecimalMax("" + TOTAL_SHARES_MAX) BigDecimal totalShares,
        @NotNull @Pattern(regexp = "[1-9][0-9]{0,28}", message = "must be a positive integer in minor units")
                String pricePerShareMinorUnits,
        @NotNull Instant saleStartsAt,
        @NotNull Instant saleEndsAt,
        @Nullable @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 20-byte hex address starting with 0x")
                String paymentToken,
        @Nullable @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 20-byte hex address starting with 0x")
                String payoutToken,
        @Nullable Boolean transfersRestricted,
        @Nullable @Plain @Size(min = 1, max = 64) String name,
        @Nullable @Pattern(regexp = "[A-Z0-9]{1,11}", message = "must be 1 to 11 capital letters or digits")
                String symbol) {

    /** Shares are whole units in a uint64; a trillion is beyond any sensible offering and far inside the type. */
    public static final long TOTAL_SHARES_MAX = 1_000_000_000_000L;
}
