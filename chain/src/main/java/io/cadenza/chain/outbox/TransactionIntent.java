package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A chain write to be made exactly once.
 *
 * @param idempotencyKey unique per write; submitting the same key again returns the first intent
 * @param purpose what the write is for, for people reading the outbox (e.g. "MasterRegistry.register")
 * @param to the contract called, or null for a contract creation
 * @param calldata the ABI-encoded call (or creation code with constructor arguments)
 * @param valueWei ether sent with the call
 * @param gasLimit a fixed gas limit, or null to estimate when the intent is signed
 * @param requestedBy who caused the write (an account, as {@code account:<id>}), for the gas it costs; null for the
 *     platform's own
 */
public record TransactionIntent(String idempotencyKey, String purpose, @Nullable String to, byte[] calldata,
        BigInteger valueWei, @Nullable Long gasLimit, @Nullable String requestedBy) {

    public static final int IDEMPOTENCY_KEY_LENGTH_MAX = 200;
    public static final int PURPOSE_LENGTH_MAX = 100;
    /** Larger than any call of the suite (the biggest, a deployment, is under 12 KiB): a bound against mistakes. */
    public static final int CALLDATA_BYTES_MAX = 48 * 1024;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    public TransactionIntent {
        requireLength("idempotencyKey", idempotencyKey, IDEMPOTENCY_KEY_LENGTH_MAX);
        requireLength("purpose", purpose, PURPOSE_LENGTH_MAX);
        if (to != null) {
            to = to.toLowerCase();
            if (!ADDRESS.matcher(to).matches()) {
                throw new IllegalArgumentException("to is not an address: " + to);
            }
        }
        Objects.requireNonNull(calldata, "calldata");
        if (calldata.length > CALLDATA_BYTES_MAX) {
            throw new IllegalArgumentException("calldata of " + calldata.length + " bytes exceeds " + CALLDATA_BYTES_MAX);
        }
        calldata = calldata.clone();
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        if (valueWei.signum() < 0) {
            throw new IllegalArgumentException("valueWei must not be negative");
        }
        if (gasLimit != null && gasLimit <= 0) {
            throw new IllegalArgumentException("gasLimit must be positive");
        }
        if (requestedBy != null) {
            requireLength("requestedBy", requestedBy, PURPOSE_LENGTH_MAX);
        }
    }

    /** The platform's own write (no account caused it). */
    public TransactionIntent(String idempotencyKey, String purpose, @Nullable String to, byte[] calldata,
            BigInteger valueWei, @Nullable Long gasLimit) {
        this(idempotencyKey, purpose, to, calldata, valueWei, gasLimit, null);
    }

    /** The same write, caused by {@code account}: its gas is counted against it. */
    public TransactionIntent requestedBy(java.util.UUID account) {
        return new TransactionIntent(idempotencyKey, purpose, to, calldata, valueWei, gasLimit, "account:" + account);
    }

    /** A call of {@code to} with no ether and an estimated gas limit. */
    public static TransactionIntent call(String idempotencyKey, String purpose, String to, byte[] calldata) {
        return new TransactionIntent(idempotencyKey, purpose, Objects.requireNonNull(to, "to"), calldata,
                BigInteger.ZERO, null);
    }

    @Override
    public byte[] calldata() {
        return calldata.clone();
    }

    /** Whether {@code transaction} was submitted with this same request (what a retry with the same key must be). */
    public boolean sameRequestAs(ChainTransaction transaction) {
        return Objects.equals(to, transaction.to())
                && Arrays.equals(calldata, transaction.calldata())
                && valueWei.equals(transaction.valueWei())
                && Objects.equals(gasLimit, transaction.gasLimit())
                && purpose.equals(transaction.purpose());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionIntent intent
                && idempotencyKey.equals(intent.idempotencyKey)
                && purpose.equals(intent.purpose)
                && Objects.equals(to, intent.to)
                && Arrays.equals(calldata, intent.calldata)
                && valueWei.equals(intent.valueWei)
                && Objects.equals(gasLimit, intent.gasLimit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idempotencyKey, purpose, to, Arrays.hashCode(calldata), valueWei, gasLimit);
    }

    @Override
    public String toString() {
        return "TransactionIntent[" + idempotencyKey + ", " + purpose + ", to=" + to + ", " + calldata.length
                + " bytes of calldata, valueWei=" + valueWei + ", gasLimit=" + gasLimit + "]";
    }

    private static void requireLength(String name, String value, int lengthMax) {
        if (value == null || value.isBlank() || value.length() > lengthMax) {
            throw new IllegalArgumentException(name + " must be 1 to " + lengthMax + " characters");
        }
    }
}
