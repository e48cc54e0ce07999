package io.cadenza.chain.connection;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DynamicEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An open connection to one chain, with the platform operator's signer. Verifies on opening that the node serves
 * the chain id we sign for, so that no transaction is ever signed for the wrong chain.
 */
public final class ChainConnection implements AutoCloseable {
    /** Receipt polls before web3j gives up on a transaction (times the poll interval: 10 minutes at 200 ms). */
    private static final int RECEIPT_POLLS_MAX = 3_000;

    private final Web3j web3j;
    private final ScheduledExecutorService scheduler;
    private final Credentials operator;
    private final long chainId;
    private final TransactionManager transactionManager;
    private final ContractGasProvider gasProvider;
    private final Duration pollInterval;
    private final String genesisHash;

    private ChainConnection(Web3j web3j, ScheduledExecutorService scheduler, Credentials operator, long chainId,
            String genesisHash, Duration pollInterval) {
        this.web3j = web3j;
        this.scheduler = scheduler;
        this.operator = operator;
        this.chainId = chainId;
        this.genesisHash = genesisHash;
        this.pollInterval = pollInterval;
        this.transactionManager = transactionManagerFor(operator);
        this.gasProvider = new DynamicEIP1559GasProvider(web3j, chainId);
    }

    /**
     * Connects to {@code endpoint}, expecting it to serve {@code expectedChainId}.
     *
     * @throws ChainUnavailableException when the node does not answer or serves another chain
     */
    public static ChainConnection open(ChainEndpoint endpoint, long expectedChainId, Duration pollInterval) {
        // web3j polls every 15 s by default; our local nodes answer in milliseconds.
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("web3j-poll").daemon(true).factory());
        Web3j web3j = Web3j.build(new HttpService(endpoint.rpcUrl().toString()), pollInterval.toMillis(), scheduler);
        String genesisHash;
        try {
            long actualChainId = web3j.ethChainId().send().getChainId().longValueExact();
            if (actualChainId != expectedChainId) {
                throw new ChainUnavailableException("the node at " + endpoint.rpcUrl() + " serves chain "
                        + actualChainId + ", not the configured chain " + expectedChainId);
            }
            genesisHash = web3j.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send().getBlock()
                    .getHash().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException unreachable) {
            web3j.shutdown();
            throw new ChainUnavailableException("no chain answers at " + endpoint.rpcUrl(), unreachable);
        } catch (RuntimeException wrongChain) {
            web3j.shutdown();
            throw wrongChain;
        }
        return new ChainConnection(web3j, scheduler, endpoint.signerKey().credentials(), expectedChainId, genesisHash,
                pollInterval);
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    /** The hash of block 0: with the chain id, what tells this chain from another with the same id. */
    public String genesisHash() {
        return genesisHash;
    }

    /** The platform operator: the account that deploys the suite and holds its platform roles. */
    public Credentials operator() {
        return operator;
    }

    public TransactionManager transactionManager() {
        return transactionManager;
    }

    /** A transaction manager that signs as {@code signer}, e.g. an investor's wallet in tests and tools. */
    public TransactionManager transactionManagerFor(Credentials signer) {
        // web3j's default receipt processor polls every 15 s; ours polls at the configured interval.
        return new RawTransactionManager(web3j, signer, chainId,
                new PollingTransactionReceiptProcessor(web3j, pollInterval.toMillis(), RECEIPT_POLLS_MAX));
    }

    public ContractGasProvider gasProvider() {
        return gasProvider;
    }

    /** The current head block number. */
    public BigInteger blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber();
    }

    @Override
    public void close() {
        web3j.shutdown();
        scheduler.shutdownNow();
    }
}
