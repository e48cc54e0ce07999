package io.cadenza.indexer.events;

import io.cadenza.indexer.rpc.RawLog;
import java.math.BigInteger;

/** An event of ours that a projection reads, decoded from its log. Amounts are raw token units. */
public sealed interface ChainEvent {
    RawLog log();

    /** MasterRegistry: a master was minted to its artist. */
    record MasterRegistered(RawLog log, BigInteger tokenId, String artist, String isrcHash, String metadataCid)
            implements ChainEvent {}

    /** MasterRegistry: a registration was voided (its token burned, its ISRC free again). */
    record RegistrationVoided(RawLog log, BigInteger tokenId, String isrcHash, String reasonHash)
            implements ChainEvent {}

    /** MasterRegistry: ERC-721 Transfer (mint included). */
    record MasterTransferred(RawLog log, BigInteger tokenId, String from, String to) implements ChainEvent {}

    /** OfferingFactory: a share token and its sale were cloned for a master. */
    record OfferingCreated(RawLog log, BigInteger masterId, String shares, String sale, String treasury,
            String payoutToken, String paymentToken, BigInteger totalShares, BigInteger pricePerShare, long startsAtSeconds,
            long endsAtSeconds, boolean transfersRestricted) implements ChainEvent {}

    /** RoyaltyShares: ERC-20 Transfer of shares (the initial mint to the sale included). */
    record SharesTransferred(RawLog log, String from, String to, BigInteger value) implements ChainEvent {}

    /** RoyaltyShares: a distribution raised every share's earnings by {@code unitsPerShareAdded}. */
    record Distributed(RawLog log, BigInteger distributionId, BigInteger amount, BigInteger unitsPerShareAdded,
            BigInteger carriedRemainder) implements ChainEvent {}

    /** RoyaltyShares: {@code amount} payout units were paid to {@code holder}. */
    record Claimed(RawLog log, String holder, BigInteger amount) implements ChainEvent {}

    /** RoyaltyShares: a wallet was allowed or refused for restricted transfers. */
    record WalletVerificationChanged(RawLog log, String wallet, boolean verified) implements ChainEvent {}

    /** ShareSale: shares bought with the payment token. */
    record SharesPurchased(RawLog log, String buyer, BigInteger shareCount, BigInteger cost) implements ChainEvent {}

    /** ShareSale: shares issued for a card payment, once per payment reference. */
    record SharesIssued(RawLog log, String to, BigInteger shareCount, String paymentRef) implements ChainEvent {}

    /** ShareSale: the sale closed with {@code unsoldShares} left. */
    record SaleFinalized(RawLog log, BigInteger unsoldShares) implements ChainEvent {}
}
