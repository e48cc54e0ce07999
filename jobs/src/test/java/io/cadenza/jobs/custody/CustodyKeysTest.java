package io.cadenza.jobs.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Custody addresses follow BIP-44's Ethereum path, as wallets derive them; a bad seed is refused without echoing it. */
public class CustodyKeysTest {
    /** BIP-39's test vector: every wallet derives 0x9858…da94 at m/44'/60'/0'/0/0 from it. */
    public static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
            + " abandon about";

    @Test
    void derivesTheAddressesWalletsDeriveFromTheSameSeed() {
        CustodyKeys keys = new CustodyKeys(ABANDON);
        assertThat(keys.address(0)).isEqualTo("0x9858effd232b4033e47d90003d41ec34ecaeda94");
        assertThat(keys.address(1)).isNotEqualTo(keys.address(0)).startsWith("0x").hasSize(42);
        assertThat(keys.toString()).doesNotContain("abandon");
        assertThat(new CustodyConfiguration(ABANDON).toString()).doesNotContain("abandon");
    }

    @Test
    void refusesWhatIsNoSeedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new CustodyKeys("correct horse battery staple secret words"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("horse");
    }
}
