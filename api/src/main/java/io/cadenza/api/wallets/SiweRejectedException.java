package io.cadenza.api.wallets;

/** A Sign-In with Ethereum proof that does not prove what it must; the reason is safe to show the client. */
public final class SiweRejectedException extends RuntimeException {
    /** Why a proof was refused; each maps to a field or a condition the client can fix. */
    public enum Reason {
        MALFORMED,
        WRONG_DOMAIN,
        WRONG_URI,
        WRONG_CHAIN,
        EXPIRED,
        NOT_YET_VALID,
        BAD_SIGNATURE,
        SIGNED_BY_ANOTHER_ADDRESS,
        UNKNOWN_NONCE
    }

    private final Reason reason;

    public SiweRejectedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
