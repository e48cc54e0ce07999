package io.cadenza.indexer.rpc;

/** A read-only contract call: {@code data} is the ABI-encoded selector and arguments. */
public record EthCall(String to, String data) {}
