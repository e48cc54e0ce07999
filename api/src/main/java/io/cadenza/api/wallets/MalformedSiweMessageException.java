package io.cadenza.api.wallets;

/** A text that is not an EIP-4361 message of the shape the API issues. */
public final class MalformedSiweMessageException extends IllegalArgumentException {
    public MalformedSiweMessageException(String reason) {
        super("not a Sign-In with Ethereum message: " + reason);
    }
}
