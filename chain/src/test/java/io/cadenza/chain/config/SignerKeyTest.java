package io.cadenza.chain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignerKeyTest {
    // Hardhat's public development key #0.
    private static final String KEY_HEX = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void derivesTheAddressWithOrWithoutPrefix() {
        assertThat(SignerKey.parse(KEY_HEX).address()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(SignerKey.parse("0x" + KEY_HEX).address()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    @Test
    void neverPrintsTheKey() {
        String shown = SignerKey.parse(KEY_HEX).toString();
        assertThat(shown).doesNotContain(KEY_HEX).doesNotContain(KEY_HEX.substring(0, 16)).contains("redacted");
        assertThat(String.valueOf(new ChainConfiguration(null, 1, 1, java.time.Duration.ofSeconds(1), KEY_HEX, null)))
                .doesNotContain(KEY_HEX);
    }

    @Test
    void aMalformedConfiguredKeyIsReportedByItsSettingNotItsValue() {
        String malformed = KEY_HEX + "0";
        ChainConfiguration configuration = new ChainConfiguration(null, 1, 1, java.time.Duration.ofSeconds(1), malformed, null);
        assertThatThrownBy(configuration::operatorKey)
                .hasMessageContaining("cadenza.chain.signer-key")
                .hasMessageNotContaining(KEY_HEX.substring(0, 16));
        assertThat(new ChainConfiguration(null, 1, 1, java.time.Duration.ofSeconds(1), " ", null).operatorKey()).isEmpty();
    }

    @Test
    void rejectsMalformedKeysWithoutEchoingThem() {
        String almostKey = KEY_HEX.substring(1) + "z";
        assertThatThrownBy(() -> SignerKey.parse(almostKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(almostKey.substring(0, 16));
        assertThatThrownBy(() -> SignerKey.parse(KEY_HEX.substring(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignerKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
