package io.cadenza.chain.outbox;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/** Fees from the node's fee history, with a cap, and the bump a replacement needs. */
public final class FeePolicy {
    /** Blocks of history to read the tip from. */
    private static final int HISTORY_BLOCKS = 5;
    private static final double TIP_PERCENTILE = 50.0;

    private final Web3j web3j;
    private final OutboxConfiguration configuration;

    public FeePolicy(Web3j web3j, OutboxConfiguration configuration) {
        this.web3j = web3j;
        this.configuration = configuration;
    }

    /** Fees for a new transaction: twice the next base fee plus the median recent tip, so a rising base fee waits. */
    public Fees current() throws IOException {
        EthFeeHistory.FeeHistory history = web3j.ethFeeHistory(HISTORY_BLOCKS, DefaultBlockParameterName.LATEST,
                List.of(TIP_PERCENTILE)).send().getFeeHistory();
        List<BigInteger> baseFees = history.getBaseFeePerGas();
        BigInteger nextBaseFee = baseFees.getLast();
        BigInteger tip = medianTip(history).max(configuration.priorityFeeMinWei());
        return capped(nextBaseFee.shiftLeft(1).add(tip), tip);
    }

    /** Fees of a replacement: both raised by the configured percentage over the stuck attempt, and at least current. */
    public Fees bumped(Fees stuck, Fees current) {
        BigInteger maxFee = raise(stuck.maxFeePerGas()).max(current.maxFeePerGas());
        BigInteger tip = raise(stuck.maxPriorityFeePerGas()).max(current.maxPriorityFeePerGas());
        return capped(maxFee, tip);
    }

    /** Whether {@code fees} are already at the cap, so that a replacement cannot outbid them. */
    public boolean atCap(Fees fees) {
        return fees.maxFeePerGas().compareTo(configuration.maxFeePerGasCapWei()) >= 0;
    }

    private Fees capped(BigInteger maxFee, BigInteger tip) {
        BigInteger cap = configuration.maxFeePerGasCapWei();
        BigInteger cappedMaxFee = maxFee.min(cap);
        return new Fees(cappedMaxFee, tip.min(cappedMaxFee));
    }

    private BigInteger raise(BigInteger fee) {
        // Rounded up, and at least one wei more: nodes reject a replacement that is not strictly higher.
        BigInteger raised = fee.multiply(BigInteger.valueOf(100L + configuration.feeBumpPercent()))
                .add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
        return raised.max(fee.add(BigInteger.ONE));
    }

    private static BigInteger medianTip(EthFeeHistory.FeeHistory history) {
        List<List<BigInteger>> rewards = history.getReward();
        if (rewards == null || rewards.isEmpty()) {
            return BigInteger.ZERO;
        }
        List<BigInteger> tips = rewards.stream().filter(block -> !block.isEmpty()).map(List::getFirst).sorted().toList();
        return tips.isEmpty() ? BigInteger.ZERO : tips.get(tips.size() / 2);
    }
}
