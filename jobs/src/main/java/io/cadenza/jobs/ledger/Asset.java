package io.cadenza.jobs.ledger;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an amount is counted in, in its minor units: US dollar cents ({@code USD}), a payout token's base units
 * ({@code erc20:<chainId>:<address>}), a share token's shares ({@code shares:<chainId>:<address>}).
 */
public record Asset(String code) {
    // Before USD: static fields initialise in order, and USD's constructor checks against it.
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}|(erc20|shares):[1-9][0-9]{0,18}:0x[0-9a-f]{40}");
    public static final Asset USD = new Asset("USD");

    public Asset {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not an asset code: " + code);
        }
    }

    public static Asset token(long chainId, String address) {
        return new Asset("erc20:" + chainId + ":" + address.toLowerCase(Locale.ROOT));
    }

    public static Asset shares(long chainId, String address) {
        return new Asset("shares:" + chainId + ":" + address.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return code;
    }
}
