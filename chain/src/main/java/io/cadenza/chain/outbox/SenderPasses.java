package io.cadenza.chain.outbox;

import java.io.IOException;

/** The two halves of a sender's work, as {@link TransactionSenderLoop} runs them on its two threads. */
public interface SenderPasses {
    /** The account sent for. */
    String account();

    /** PENDING → SIGNED. */
    SenderPass signPass() throws IOException;

    /** SIGNED → BROADCAST → MINED → CONFIRMED, and replacements. */
    SenderPass sendPass() throws IOException;
}
