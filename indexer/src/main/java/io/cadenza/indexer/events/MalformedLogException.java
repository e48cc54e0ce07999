package io.cadenza.indexer.events;

import io.cadenza.indexer.rpc.RawLog;

/**
 * A log of one of our contracts that does not read as its event: the ABI and the deployed code disagree. Indexing
 * stops on it rather than project something wrong.
 */
public final class MalformedLogException extends IllegalStateException {
    public MalformedLogException(RawLog log, Throwable cause) {
        super("log " + log.logIndex() + " of block " + log.blockNumber() + " (" + log.address() + ") does not decode: "
                + cause.getMessage(), cause);
    }
}
