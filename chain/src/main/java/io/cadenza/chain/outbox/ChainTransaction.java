package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigInteger;

/** An intent as the outbox holds it ({@code chain_tx}): the request, and how far it has come. */
@MappedEntity("chain_tx")
public record ChainTransaction(
        @Id long id,
        String idempotencyKey,
        String purpose,
        long chainId,
        @MappedProperty("from_address") String from,
        @Nullable @MappedProperty("to_address") String to,
        byte[] calldata,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger valueWei,
        @Nullable Long gasLimit,
        @Nullable Long simulationDeferredUntilNonce,
        TransactionStatus status,
        @Nullable Long nonce,
        int attempts,
        @Nullable String txHash,
        @Nullable Long blockNumber,
        @Nullable String blockHash,
        @Nullable String contractAddress,
        @Nullable Long gasUsed,
        @Nullable String lastError,
        @Nullable String revertReason) {

    /** The longest {@link #failureSummary()}: it is stored with the records that failed because of this intent. */
    public static final int FAILURE_SUMMARY_LENGTH_MAX = 500;

    /**
     * Why a FAILED intent failed, fit to show its requester: the decoded revert (e.g. {@code DuplicateIsrc(…)}), or
     * the error that kept it from being sent.
     */
    public String failureSummary() {
        String summary = revertReason != null ? "reverted: " + revertReason : "not sent: " + lastError;
        return summary.length() <= FAILURE_SUMMARY_LENGTH_MAX ? summary
                : summary.substring(0, FAILURE_SUMMARY_LENGTH_MAX);
    }

    @Override
    public byte[] calldata() {
        return calldata.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainTransaction transaction && id == transaction.id
                && status == transaction.status && attempts == transaction.attempts;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
