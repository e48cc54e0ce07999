package io.cadenza.indexer.events;

import io.cadenza.indexer.rpc.RawLog;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Decodes our contracts' logs straight from topics and data, without web3j's generic ABI decoder (FACTS.md: it costs
 * several times the fetch). Logs of events no projection reads (roles, approvals, pauses) decode to nothing and are
 * kept only as raw logs.
 */
public final class EventDecoder {
    static final String MASTER_REGISTERED = topic("MasterRegistered(uint256,address,bytes32,string)");
    static final String TRANSFER = topic("Transfer(address,address,uint256)");
    static final String REGISTRATION_VOIDED = topic("RegistrationVoided(uint256,bytes32,bytes32)");
    static final String OFFERING_CREATED = topic(
            "OfferingCreated(uint256,address,address,address,address,address,uint256,uint256,uint64,uint64,bool)");
    static final String DISTRIBUTED = topic("Distributed(uint256,uint256,uint256,uint256)");
    static final String CLAIMED = topic("Claimed(address,uint256)");
    static final String WALLET_VERIFICATION_CHANGED = topic("WalletVerificationChanged(address,bool)");
    static final String SHARES_PURCHASED = topic("SharesPurchased(address,uint256,uint256)");
    static final String SHARES_ISSUED = topic("SharesIssued(address,uint256,bytes32)");
    static final String SALE_FINALIZED = topic("SaleFinalized(uint256)");

    private static final int WORD_HEX_CHARS = 64;
    /** A metadata CID is short; anything longer is not a log our registry wrote. */
    private static final int METADATA_CID_BYTES_MAX = 512;

    private EventDecoder() {}

    /** The decoded event, or empty for a log no projection reads. */
    public static Optional<ChainEvent> decode(RawLog log, ContractKind kind) {
        String topic0 = log.topic(0);
        try {
            return Optional.ofNullable(switch (kind) {
                case MASTER_REGISTRY -> decodeRegistry(log, topic0);
                case OFFERING_FACTORY -> OFFERING_CREATED.equals(topic0) ? offeringCreated(log) : null;
                case SHARES -> decodeShares(log, topic0);
                case SALE -> decodeSale(log, topic0);
            });
        } catch (RuntimeException malformed) {
            throw new MalformedLogException(log, malformed);
        }
    }

    /** Whether {@code log} is an OfferingCreated of the factory: it adds two contracts to watch. */
    public static boolean isOfferingCreated(RawLog log) {
        return OFFERING_CREATED.equals(log.topic(0));
    }

    private static ChainEvent decodeRegistry(RawLog log, String topic0) {
        if (MASTER_REGISTERED.equals(topic0)) {
            return new ChainEvent.MasterRegistered(log, uint(log.topic(1)), address(log.topic(2)), log.topic(3),
                    string(log.data(), 0));
        }
        if (REGISTRATION_VOIDED.equals(topic0)) {
            return new ChainEvent.RegistrationVoided(log, uint(log.topic(1)), log.topic(2), word(log.data(), 0));
        }
        if (TRANSFER.equals(topic0) && log.topics().size() == 4) {
            return new ChainEvent.MasterTransferred(log, uint(log.topic(3)), address(log.topic(1)), address(log.topic(2)));
        }
        return null;
    }

    private static ChainEvent decodeShares(RawLog log, String topic0) {
        if (TRANSFER.equals(topic0) && log.topics().size() == 3) {
            return new ChainEvent.SharesTransferred(log, address(log.topic(1)), address(log.topic(2)),
                    uint(word(log.data(), 0)));
        }
        if (DISTRIBUTED.equals(topic0)) {
            String data = log.data();
            return new ChainEvent.Distributed(log, uint(log.topic(1)), uint(word(data, 0)), uint(word(data, 1)),
                    uint(word(data, 2)));
        }
        if (CLAIMED.equals(topic0)) {
            return new ChainEvent.Claimed(log, address(log.topic(1)), uint(word(log.data(), 0)));
        }
        if (WALLET_VERIFICATION_CHANGED.equals(topic0)) {
            return new ChainEvent.WalletVerificationChanged(log, address(log.topic(1)), bool(word(log.data(), 0)));
        }
        return null;
    }

    private static ChainEvent decodeSale(RawLog log, String topic0) {
        if (SHARES_PURCHASED.equals(topic0)) {
            String data = log.data();
            return new ChainEvent.SharesPurchased(log, address(log.topic(1)), uint(word(data, 0)), uint(word(data, 1)));
        }
        if (SHARES_ISSUED.equals(topic0)) {
            return new ChainEvent.SharesIssued(log, address(log.topic(1)), uint(word(log.data(), 0)), log.topic(2));
        }
        if (SALE_FINALIZED.equals(topic0)) {
            return new ChainEvent.SaleFinalized(log, uint(word(log.data(), 0)));
        }
        return null;
    }

    private static ChainEvent offeringCreated(RawLog log) {
        String data = log.data();
        return new ChainEvent.OfferingCreated(log, uint(log.topic(1)), address(log.topic(2)), address(log.topic(3)),
                address(word(data, 0)), address(word(data, 1)), address(word(data, 2)), uint(word(data, 3)),
                uint(word(data, 4)), uint(word(data, 5)).longValueExact(), uint(word(data, 6)).longValueExact(),
                bool(word(data, 7)));
    }

    /** Word {@code index} of 0x-hex ABI data, as 0x-hex. */
    static String word(String data, int index) {
        int start = 2 + index * WORD_HEX_CHARS;
        if (data.length() < start + WORD_HEX_CHARS) {
            throw new IllegalArgumentException("data has no word " + index);
        }
        return "0x" + data.substring(start, start + WORD_HEX_CHARS);
    }

    static BigInteger uint(String word) {
        if (word == null || word.length() != 2 + WORD_HEX_CHARS) {
            throw new IllegalArgumentException("not a 32-byte word: " + word);
        }
        return new BigInteger(word.substring(2), 16);
    }

    static String address(String word) {
        if (word == null || word.length() != 2 + WORD_HEX_CHARS) {
            throw new IllegalArgumentException("not a 32-byte word: " + word);
        }
        return "0x" + word.substring(2 + 24);
    }

    private static boolean bool(String word) {
        return uint(word).signum() != 0;
    }

    /** The ABI-encoded dynamic string whose offset is in word {@code index}. */
    private static String string(String data, int index) {
        int offsetBytes = uint(word(data, index)).intValueExact();
        int lengthWord = offsetBytes / 32;
        int length = uint(word(data, lengthWord)).intValueExact();
        if (length > METADATA_CID_BYTES_MAX) {
            throw new IllegalArgumentException("string of " + length + " bytes");
        }
        int start = 2 + (lengthWord + 1) * WORD_HEX_CHARS;
        byte[] bytes = HexFormat.of().parseHex(data, start, start + length * 2);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String topic(String signature) {
        return Hash.sha3String(signature);
    }
}
