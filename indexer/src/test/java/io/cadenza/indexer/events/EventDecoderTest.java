package io.cadenza.indexer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.indexer.rpc.RawLog;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
    private static final String SHARES = "0x856e4424f806d16e8cbc702b3c0f2ede5468eae5";
    private static final String ALICE_WORD = "0x0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String BOB_WORD = "0x00000000000000000000000090f79bf6eb2c4f870365e785982e1f101e93b906";

    @Test
    void anErc20TransferOfASharesContractDecodesToAShareTransfer() {
        RawLog log = log(SHARES, List.of(EventDecoder.TRANSFER, ALICE_WORD, BOB_WORD), word(40));
        ChainEvent.SharesTransferred transfer =
                (ChainEvent.SharesTransferred) EventDecoder.decode(log, ContractKind.SHARES).orElseThrow();
        assertThat(transfer.from()).isEqualTo("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
        assertThat(transfer.to()).isEqualTo("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
        assertThat(transfer.value()).isEqualTo(BigInteger.valueOf(40));
    }

    @Test
    void aMasterRegisteredDecodesItsMetadataCidFromTheDynamicString() {
        String cid = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
        String data = word(32) + word(cid.length()).substring(2) + utf8Words(cid);
        RawLog log = log(SHARES, List.of(EventDecoder.MASTER_REGISTERED, word(7), ALICE_WORD, word(99)), data);
        ChainEvent.MasterRegistered registered =
                (ChainEvent.MasterRegistered) EventDecoder.decode(log, ContractKind.MASTER_REGISTRY).orElseThrow();
        assertThat(registered.tokenId()).isEqualTo(BigInteger.valueOf(7));
        assertThat(registered.metadataCid()).isEqualTo(cid);
    }

    @Test
    void eventsNoProjectionReadsDecodeToNothing() {
        String approval = org.web3j.crypto.Hash.sha3String("Approval(address,address,uint256)");
        assertThat(EventDecoder.decode(log(SHARES, List.of(approval, ALICE_WORD, BOB_WORD), word(1)),
                ContractKind.SHARES)).isEmpty();
    }

    @Test
    void aLogWhoseDataIsTooShortForItsEventIsRefusedNamingTheLog() {
        RawLog truncated = log(SHARES, List.of(EventDecoder.DISTRIBUTED, word(1)), word(5));
        assertThatThrownBy(() -> EventDecoder.decode(truncated, ContractKind.SHARES))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("log 3 of block 12")
                .hasMessageContaining(SHARES);
    }

    private static RawLog log(String address, List<String> topics, String data) {
        return new RawLog(12, "0x" + "ab".repeat(32), 3, "0x" + "cd".repeat(32), address, topics, data);
    }

    private static String word(long value) {
        return "0x" + String.format("%064x", value);
    }

    private static String utf8Words(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        while (hex.length() % 64 != 0) {
            hex.append('0');
        }
        return hex.toString();
    }
}
