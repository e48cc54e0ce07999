package io.cadenza.jobs.statements;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * How royalties move.
 *
 * @param approvalsRequired distinct admins who must approve a statement before it moves money, the one who recorded
 *     it counting as the first: 2 (four eyes) unless a single-admin dev stack sets 1
 * @param payoutCurrency the currency the payout token stands for (the stablecoin's); lines in another currency need a
 *     rate
 * @param mintTestFunds whether a distribution short of funds mints the test stablecoin to the treasury (as the
 *     operator) instead of waiting: on by default on local chains (31337) only
 * @param sweepEvery how often the distribution job looks at every open distribution (funding, confirmation)
 */
@ConfigurationProperties("cadenza.money")
public record RoyaltyConfiguration(
        @Bindable(defaultValue = "2") @Min(1) @Max(5) int approvalsRequired,
        @Bindable(defaultValue = "USD") @NotNull @Pattern(regexp = "[A-Z]{3}") String payoutCurrency,
        @Nullable Boolean mintTestFunds,
        @Bindable(defaultValue = "10s") @NotNull Duration sweepEvery) {

    public static final long LOCAL_CHAIN_ID = 31337;

    public boolean mintsTestFunds(long chainId) {
        return mintTestFunds != null ? mintTestFunds : chainId == LOCAL_CHAIN_ID;
    }
}
