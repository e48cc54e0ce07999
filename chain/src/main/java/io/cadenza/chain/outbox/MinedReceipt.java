package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;

/** What a receipt says of a mined transaction. */
public record MinedReceipt(String txHash, long blockNumber, String blockHash, long gasUsed, boolean succeeded,
        @Nullable String contractAddress, @Nullable java.math.BigInteger effectiveGasPrice) {}
