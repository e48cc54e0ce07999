package io.cadenza.api.testing;

import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.contracts.ShareSale;
import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;

/** What wallets do on chain themselves, outside the API: buy shares, and the operator's distributions. */
public final class ChainActions {
    private static final BigInteger GAS_MONEY_WEI = new BigInteger("10000000000000000000"); // 10 ether

    private final ChainConnection connection;
    private final DeploymentManifest manifest;
    private final HardhatControl hardhat;

    public ChainActions(TestApplication application) {
        this.connection = application.context().getBean(ChainConnection.class);
        this.manifest = application.context().getBean(DeploymentManifest.class);
        this.hardhat = new HardhatControl(application.context().getBean(ChainEndpoint.class).rpcUrl());
    }

    /** A fresh wallet with ether for gas. */
    public TestWallet fundedWallet() {
        TestWallet wallet = TestWallet.random();
        hardhat.setBalance(wallet.address(), GAS_MONEY_WEI);
        return wallet;
    }

    /** The operator mints the stablecoin to the buyer, who approves the sale and buys. */
    public void buy(TestWallet buyer, String sale, long shares, BigInteger pricePerShare) throws Exception {
        payFor(buyer, sale, shares, pricePerShare);
        buyPaidFor(buyer, sale, shares);
    }

    /** The operator mints the stablecoin to the buyer, who approves the sale for the cost. */
    public void payFor(TestWallet buyer, String sale, long shares, BigInteger pricePerShare) throws Exception {
        BigInteger cost = pricePerShare.multiply(BigInteger.valueOf(shares));
        operator(TestStablecoin::load, manifest.stablecoin()).mint(buyer.address(), cost).send();
        as(buyer.credentials(), TestStablecoin::load, manifest.stablecoin()).approve(sale, cost).send();
    }

    /** The buyer's purchase alone: one transaction, from the buyer's wallet. */
    public void buyPaidFor(TestWallet buyer, String sale, long shares) throws Exception {
        as(buyer.credentials(), ShareSale::load, sale).buy(BigInteger.valueOf(shares)).send();
    }

    /** The test node's controls (snapshots, mining). */
    public HardhatControl hardhat() {
        return hardhat;
    }

    /** The operator distributes {@code amount} payout units to the token's holders. */
    public void distribute(String shares, BigInteger amount) throws Exception {
        TestStablecoin stablecoin = operator(TestStablecoin::load, manifest.stablecoin());
        stablecoin.mint(DeployedSuite.OPERATOR.address(), amount).send();
        stablecoin.approve(shares, amount).send();
        operator(RoyaltyShares::load, shares).distribute(amount).send();
    }

    /** The holder claims its dividends of the token from its own wallet. */
    public void claim(TestWallet holder, String shares) throws Exception {
        as(holder.credentials(), RoyaltyShares::load, shares).claim().send();
    }

    private <T> T operator(Loader<T> loader, String address) {
        SignerKey operator = DeployedSuite.OPERATOR;
        return as(operator.credentials(), loader, address);
    }

    private <T> T as(Credentials signer, Loader<T> loader, String address) {
        return loader.load(address, connection.web3j(), connection.transactionManagerFor(signer),
                connection.gasProvider());
    }

    @FunctionalInterface
    private interface Loader<T> {
        T load(String address, org.web3j.protocol.Web3j web3j, org.web3j.tx.TransactionManager transactions,
                org.web3j.tx.gas.ContractGasProvider gas);
    }
}
