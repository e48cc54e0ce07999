package io.cadenza.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RpcExceptionTest {
    @Test
    void providersCapMessagesAreRecognisedAsCapsAndOtherErrorsAreNot() {
        assertThat(RpcException.isCap(-32005, "limit exceeded")).isTrue();
        assertThat(RpcException.isCap(-32000, "query returned more than 10000 results")).isTrue();
        assertThat(RpcException.isCap(-32600, "exceed maximum block range: 2000")).isTrue();
        assertThat(RpcException.isCap(-32000, "block range is too large")).isTrue();
        assertThat(RpcException.isCap(-32000, "Log response size exceeded.")).isTrue();
        assertThat(RpcException.isCap(-32000, "header not found")).isFalse();
        assertThat(RpcException.isCap(-32603, "internal error")).isFalse();
    }
}
