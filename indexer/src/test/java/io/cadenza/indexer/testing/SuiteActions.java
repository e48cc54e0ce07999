package io.cadenza.indexer.testing;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.MasterRegistry;
import io.cadenza.chain.contracts.OfferingFactory;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.contracts.ShareSale;
import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.testing.DeployedSuite;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/** What users do on chain, through the generated wrappers, one automined transaction (and block) per call. */
public final class SuiteActions {
    public static final BigInteger PRICE_PER_SHARE = BigInteger.valueOf(10_000_000); // 10 USD, 6 decimals
    private static final long SALE_DURATION_S = 365L * 24 * 3600;

    private final DeployedSuite suite;

    public SuiteActions(DeployedSuite suite) {
        this.suite = suite;
    }

    /** A share token and its sale. */
    public record Offering(BigInteger masterId, String shares, String sale) {
        public Offering {
            shares = shares.toLowerCase(Locale.ROOT);
            sale = sale.toLowerCase(Locale.ROOT);
        }
    }

    public BigInteger registerMaster(SignerKey artist) throws Exception {
        return registerMaster(artist, Numeric.hexStringToByteArray(Hash.sha3String("ISRC-" + System.nanoTime())));
    }

    /** Registers a master of the ISRC whose hash is {@code isrcHash}; answers its token id. */
    public BigInteger registerMaster(SignerKey artist, byte[] isrcHash) throws Exception {
        MasterRegistry registry = as(DeployedSuite.OPERATOR, MasterRegistry::load, suite.manifest().masterRegistry());
        TransactionReceipt registered = registry.register(artist.address(), "bafkreimetadata" + System.nanoTime(),
                isrcHash).send();
        return MasterRegistry.getMasterRegisteredEvents(registered).getFirst().tokenId;
    }

    /** The operator voids the master's registration (COMPLIANCE): its token burned, its ISRC free again. */
    public void voidMaster(BigInteger tokenId, String reason) throws Exception {
        as(DeployedSuite.OPERATOR, MasterRegistry::load, suite.manifest().masterRegistry())
                .voidRegistration(tokenId, Numeric.hexStringToByteArray(Hash.sha3String(reason))).send();
    }

    /** Registers a master for {@code artist} and creates its offering: two blocks. */
    public Offering launch(SignerKey artist, long totalShares) throws Exception {
        BigInteger masterId = registerMaster(artist);
        long now = suite.connection().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
        OfferingFactory factory = as(DeployedSuite.OPERATOR, OfferingFactory::load, suite.manifest().offeringFactory());
        TransactionReceipt created = factory.createOffering(new OfferingFactory.OfferingTerms(masterId, "Tape " + masterId,
                "TP" + masterId, BigInteger.valueOf(totalShares), suite.manifest().stablecoin(),
                suite.manifest().stablecoin(), PRICE_PER_SHARE, BigInteger.valueOf(now - 60),
                BigInteger.valueOf(now + SALE_DURATION_S), false)).send();
        OfferingFactory.OfferingCreatedEventResponse event = OfferingFactory.getOfferingCreatedEvents(created).getFirst();
        return new Offering(masterId, event.shares, event.sale);
    }

    /** Mints the stablecoin, approves the sale and buys: three blocks. */
    public void buy(SignerKey buyer, Offering offering, long shareCount) throws Exception {
        BigInteger cost = PRICE_PER_SHARE.multiply(BigInteger.valueOf(shareCount));
        as(DeployedSuite.OPERATOR, TestStablecoin::load, suite.manifest().stablecoin()).mint(buyer.address(), cost).send();
        as(buyer, TestStablecoin::load, suite.manifest().stablecoin()).approve(offering.sale(), cost).send();
        as(buyer, ShareSale::load, offering.sale()).buy(BigInteger.valueOf(shareCount)).send();
    }

    public void issue(SignerKey recipient, Offering offering, long shareCount, String paymentId) throws Exception {
        byte[] paymentRef = Numeric.hexStringToByteArray(Hash.sha3String(paymentId));
        as(DeployedSuite.OPERATOR, ShareSale::load, offering.sale())
                .issue(recipient.address(), BigInteger.valueOf(shareCount), paymentRef).send();
    }

    public void transfer(SignerKey from, Offering offering, SignerKey to, long shareCount) throws Exception {
        as(from, RoyaltyShares::load, offering.shares()).transfer(to.address(), BigInteger.valueOf(shareCount)).send();
    }

    /** Mints, approves and distributes {@code amount} payout units: three blocks. */
    public void distribute(Offering offering, BigInteger amount) throws Exception {
        SignerKey operator = DeployedSuite.OPERATOR;
        TestStablecoin stablecoin = as(operator, TestStablecoin::load, suite.manifest().stablecoin());
        stablecoin.mint(operator.address(), amount).send();
        stablecoin.approve(offering.shares(), amount).send();
        as(operator, RoyaltyShares::load, offering.shares()).distribute(amount).send();
    }

    public void claim(SignerKey holder, Offering offering) throws Exception {
        as(holder, RoyaltyShares::load, offering.shares()).claim().send();
    }

    public void closeSale(Offering offering) throws Exception {
        as(DeployedSuite.OPERATOR, ShareSale::load, offering.sale()).close().send();
    }

    public long head() throws Exception {
        return suite.connection().blockNumber().longValueExact();
    }

    public <T> T as(SignerKey signer, WrapperLoader<T> loader, String address) {
        ChainConnection connection = suite.connection();
        return loader.load(address, connection.web3j(), connection.transactionManagerFor(signer.credentials()),
                connection.gasProvider());
    }

    @FunctionalInterface
    public interface WrapperLoader<T> {
        T load(String address, Web3j web3j, TransactionManager transactions, ContractGasProvider gas);
    }
}
