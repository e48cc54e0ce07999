package io.cadenza.jobs.ledger;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account of the ledger: its kind, what it is about ({@code scope}: {@code master:<id>}, {@code offering:<id>},
 * {@code platform}, ...) and the one asset it holds. Its {@link #code()} is the stable key it is stored under.
 */
public record LedgerAccount(AccountKind kind, String scope, Asset asset) {
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9-]*(:[A-Za-z0-9-]+)*");

    public LedgerAccount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asset, "asset");
        if (scope == null || scope.length() > 200 || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("not an account scope: " + scope);
        }
    }

    public String code() {
        return kind.name().toLowerCase(Locale.ROOT) + "/" + scope + "/" + asset.code();
    }
}
