package io.cadenza.chain.calls;

import io.cadenza.chain.contracts.MasterRegistry;
import io.cadenza.chain.contracts.OfferingFactory;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.outbox.TransactionIntent;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * The platform's calls on the suite, as outbox intents: the one place that knows their ABI encoding, so that callers
 * pass domain values and an idempotency key.
 */
public final class PlatformCalls {
    private PlatformCalls() {}

    /** {@code MasterRegistry.register(artist, metadataCid, isrcHash)}: mints the master's token to the artist. */
    public static TransactionIntent registerMaster(String idempotencyKey, String registry, String artist,
            String metadataCid, byte[] isrcHash) {
        if (isrcHash.length != 32) {
            throw new IllegalArgumentException("an ISRC hash is 32 bytes");
        }
        return TransactionIntent.call(idempotencyKey, "MasterRegistry.register", registry, encode(
                new Function(MasterRegistry.FUNC_REGISTER, List.of(new Address(artist), new Utf8String(metadataCid),
                        new Bytes32(isrcHash)), List.of())));
    }

    /**
     * {@code MasterRegistry.voidRegistration(tokenId, reasonHash)}: burns a master registered without the rights to
     * its ISRC, which may then be registered by its rightful owner.
     */
    public static TransactionIntent voidRegistration(String idempotencyKey, String registry, BigInteger tokenId,
            byte[] reasonHash) {
        if (reasonHash.length != 32) {
            throw new IllegalArgumentException("a reason hash is 32 bytes");
        }
        return TransactionIntent.call(idempotencyKey, "MasterRegistry.voidRegistration", registry, encode(
                new Function(MasterRegistry.FUNC_VOIDREGISTRATION, List.of(new Uint256(tokenId),
                        new Bytes32(reasonHash)), List.of())));
    }

    /** The terms of a new offering, in the contract's units. */
    public record OfferingTerms(BigInteger masterId, String name, String symbol, long totalShares, String payoutToken,
            String paymentToken, BigInteger pricePerShare, long startsAtSeconds, long endsAtSeconds,
            boolean transfersRestricted) {}

    /** {@code OfferingFactory.createOffering(terms)}: clones a share token and its sale for the master. */
    public static TransactionIntent createOffering(String idempotencyKey, String factory, OfferingTerms terms) {
        OfferingFactory.OfferingTerms struct = new OfferingFactory.OfferingTerms(terms.masterId(), terms.name(),
                terms.symbol(), BigInteger.valueOf(terms.totalShares()), terms.payoutToken(), terms.paymentToken(),
                terms.pricePerShare(), BigInteger.valueOf(terms.startsAtSeconds()),
                BigInteger.valueOf(terms.endsAtSeconds()), terms.transfersRestricted());
        return TransactionIntent.call(idempotencyKey, "OfferingFactory.createOffering", factory, encode(
                new Function(OfferingFactory.FUNC_CREATEOFFERING, List.of(struct), List.of())));
    }

    /** {@code RoyaltyShares.pause()} or {@code unpause()}: stops or restarts every transfer of the token. */
    public static TransactionIntent setPaused(String idempotencyKey, String shares, boolean paused) {
        String function = paused ? RoyaltyShares.FUNC_PAUSE : RoyaltyShares.FUNC_UNPAUSE;
        return TransactionIntent.call(idempotencyKey, "RoyaltyShares." + function, shares,
                encode(new Function(function, List.of(), List.of())));
    }

    /** {@code RoyaltyShares.setVerified(wallet, verified)}: allows or stops a wallet under restricted transfers. */
    public static TransactionIntent setWalletVerified(String idempotencyKey, String shares, String wallet,
            boolean verified) {
        return TransactionIntent.call(idempotencyKey, "RoyaltyShares.setVerified", shares, encode(new Function(
                RoyaltyShares.FUNC_SETVERIFIED, List.of(new Address(wallet), new Bool(verified)), List.of())));
    }

    /** {@code IERC20.approve(spender, amount)}: lets {@code spender} pull {@code amount} of the operator's tokens. */
    public static TransactionIntent approveToken(String idempotencyKey, String token, String spender,
            BigInteger amount) {
        return TransactionIntent.call(idempotencyKey, "ERC20.approve", token, encode(new Function("approve",
                List.of(new Address(spender), new Uint256(amount)), List.of())));
    }

    /** {@code RoyaltyShares.distribute(amount)}: pulls {@code amount} payout units from the operator to the holders. */
    public static TransactionIntent distribute(String idempotencyKey, String shares, BigInteger amount) {
        return TransactionIntent.call(idempotencyKey, "RoyaltyShares.distribute", shares, encode(new Function(
                RoyaltyShares.FUNC_DISTRIBUTE, List.of(new Uint256(amount)), List.of())));
    }

    /** {@code RoyaltyShares.claimFor(holder)}: pays {@code holder} its dividends (a custodial holder, the sale). */
    public static TransactionIntent claimFor(String idempotencyKey, String shares, String holder) {
        return TransactionIntent.call(idempotencyKey, "RoyaltyShares.claimFor", shares, encode(new Function(
                RoyaltyShares.FUNC_CLAIMFOR, List.of(new Address(holder)), List.of())));
    }

    /** {@code TestStablecoin.mint(to, amount)}: local chains only, where the operator holds the minter role. */
    public static TransactionIntent mintTestStablecoin(String idempotencyKey, String token, String to,
            BigInteger amount) {
        return TransactionIntent.call(idempotencyKey, "TestStablecoin.mint", token, encode(new Function("mint",
                List.of(new Address(to), new Uint256(amount)), List.of())));
    }

    private static byte[] encode(Function function) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(function));
    }
}
