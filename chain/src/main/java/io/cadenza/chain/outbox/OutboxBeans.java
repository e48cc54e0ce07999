package io.cadenza.chain.outbox;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.progress.Progress;
import io.cadenza.chain.roles.SenderRole;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Named;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The transaction outbox: where intents are stored, and the operator's sender on instances with the sender role. */
@Factory
@Requires(beans = ChainEndpoint.class)
public class OutboxBeans {

    @Singleton
    OutboxStore outboxStore(CurrentTransaction transaction, OutboxReads reads, AuditLog audit) {
        return new OutboxStore(transaction, reads, audit);
    }

    @Singleton
    TransactionOutbox transactionOutbox(OutboxStore store, ChainConnection connection) {
        return new TransactionOutbox(store, connection);
    }

    @Singleton
    TransactionSender transactionSender(ChainConnection connection, ChainConfiguration chain, OutboxStore store,
            OutboxConfiguration outbox) {
        return new TransactionSender(connection, chain.confirmations(),
                outbox.finalityDepthFor(connection.chainId()), store, outbox, RevertReasonDecoder.forSuite(),
                SenderFaults.NONE, Clock.systemUTC());
    }

    /**
     * The operator's sender, running on whichever instance holds the account's lock. It starts once a deployment
     * manifest exists: deployment drives the sender itself.
     */
    @Singleton
    @Named("outbox")
    @Requires(condition = SenderRole.class)
    Progress senderProgress(TransactionSender sender, MeterRegistry meters) {
        return TransactionSenderLoop.progressOf(sender.account(), meters, Clock.systemUTC());
    }

    @Context
    @Requires(condition = SenderRole.class)
    @Bean(preDestroy = "close")
    TransactionSenderLoop transactionSenderLoop(ChainConnection connection, ChainConfiguration chain,
            TransactionSender sender, CurrentTransaction transaction, DeploymentManifest deployed, OutboxStore store,
            OutboxConfiguration outbox, @Named("outbox") Progress progress) {
        TransactionSenderLoop loop = new TransactionSenderLoop(sender, transaction.sessions(), connection.chainId(),
                chain.pollInterval(), progress, () -> store.oldestOpen(sender.chainAccount()), outbox.stalledAfter(),
                Clock.systemUTC());
        loop.start();
        return loop;
    }
}
