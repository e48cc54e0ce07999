package io.cadenza.indexer.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.indexer.config.CommandEnvironment;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.consistency.ConsistencyCheckCommand;
import io.cadenza.indexer.consistency.ConsistencyReport;
import io.cadenza.indexer.events.ContractKind;
import io.cadenza.indexer.ingest.ChainIndexer;
import io.cadenza.indexer.ingest.IndexedSuite;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.ingest.StepOutcome;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.recovery.IndexRecovery.Rewound;
import io.cadenza.indexer.recovery.IndexRecovery.Start;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.Checkpoint;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./cadenza reindex [--from-block N | --from-scratch]}: the recovery from a reorg deeper than the finality
 * depth (or from an index to rebuild). With no option it finds where the index left the node's chain and starts
 * there. The index is rewound in one transaction and indexed again up to the node's head: by this command when no
 * application instance is indexing the chain, else by the instance that is (a halted one resumes within a second),
 * which the command waits for. It ends with the consistency check, prints a JSON summary, and exits 0 when the index
 * is consistent again, 1 when not, 2 when it could not recover.
 */
public final class ReindexCommand {
    private static final String USAGE = "usage: reindex [--from-block N | --from-scratch]";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration WAIT_FOR_INSTANCE_MAX = Duration.ofHours(1);

    private ReindexCommand() {}

    public static void main(String[] args) {
        Start start;
        try {
            start = parse(List.of(args));
        } catch (IllegalArgumentException wrong) {
            System.err.println("reindex: " + wrong.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        CommandEnvironment environment;
        try {
            environment = CommandEnvironment.of(System.getenv());
        } catch (CommandEnvironment.IncompleteException incomplete) {
            System.err.println("reindex: " + incomplete.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(run(environment, start));
        } catch (IndexRecovery.RefusedException refused) {
            System.err.println("reindex: refused: " + refused.getMessage());
            System.exit(2);
        } catch (Exception failure) {
            // The message names what failed; it never holds the database password (it is not part of the URL here).
            System.err.println("reindex: could not recover: " + failure);
            System.exit(2);
        }
    }

    static Start parse(List<String> args) {
        if (args.isEmpty()) {
            return new Start.AtFork();
        }
        if (args.equals(List.of("--from-scratch"))) {
            return new Start.FromScratch();
        }
        if (args.size() == 2 && args.get(0).equals("--from-block")) {
            try {
                long block = Long.parseLong(args.get(1));
                if (block < 1) {
                    throw new IllegalArgumentException("--from-block must be a block number above 0");
                }
                return new Start.FromBlock(block);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("--from-block takes a block number, not " + args.get(1));
            }
        }
        throw new IllegalArgumentException("unexpected arguments " + args);
    }

    /** Recovers; answers the exit status. */
    static int run(CommandEnvironment environment, Start start) throws Exception {
        CurrentTransaction transactions = StandaloneTransactions.over(environment.dataSource());
        long chainId = environment.chainId();
        IndexStore store = new IndexStore(transactions, chainId);
        RpcClient rpc = new RpcClient(environment.rpcUrl(), ConsistencyCheckCommand.RPC_TIMEOUT);
        AdvisoryLock lock = IndexerLoop.lockOf(chainId);
        try (Connection session = environment.dataSource().getConnection()) {
            boolean indexingHere = lock.tryAcquire(session);
            Optional<Rewound> rewound = new IndexRecovery(store, rpc).rewind(start);
            ObjectNode summary = new ObjectMapper().createObjectNode().put("chainId", chainId);
            if (rewound.isEmpty()) {
                System.out.println(summary.put("recovered", false).put("reason", "every block the index holds is on"
                        + " the node's chain; give --from-block N or --from-scratch to re-index anyway").toString());
                return 0;
            }
            Rewound done = rewound.get();
            say("chain %d: index rewound from block %d to block %d%s; indexing again up to block %d", chainId,
                    done.indexedBefore(), done.rewoundTo(), done.firstOrphaned().isPresent()
                            ? " (block " + done.firstOrphaned().getAsLong() + " was the first the node no longer has)"
                            : "", done.target());
            if (indexingHere) {
                indexHere(environment, store, rpc, done);
            } else {
                say("an application instance holds chain %d's indexer lock: waiting for it to index again", chainId);
                awaitInstance(store, done);
            }
            ConsistencyReport report = new ConsistencyCheck(transactions, rpc, chainId).run();
            summary.put("recovered", true).put("indexedBefore", done.indexedBefore())
                    .put("rewoundTo", done.rewoundTo()).put("target", done.target())
                    .put("indexedBlock", store.checkpoint().orElseThrow().indexedBlock());
            if (done.firstOrphaned().isPresent()) {
                summary.put("firstOrphanedBlock", done.firstOrphaned().getAsLong());
            }
            summary.set("consistency", new ObjectMapper().readTree(ConsistencyCheckCommand.json(report)));
            System.out.println(summary);
            if (indexingHere) {
                lock.release(session);
            }
            return report.consistent() ? 0 : 1;
        }
    }

    private static void indexHere(CommandEnvironment environment, IndexStore store, RpcClient rpc, Rewound done)
            throws Exception {
        Checkpoint checkpoint = store.checkpoint().orElseThrow();
        IndexedSuite suite = new IndexedSuite(store.chainId(), checkpoint.genesisHash(),
                store.contractOfKind(ContractKind.MASTER_REGISTRY).orElseThrow(),
                store.contractOfKind(ContractKind.OFFERING_FACTORY).orElseThrow(), checkpoint.startBlock());
        IndexerConfiguration configuration = IndexerConfiguration.defaults()
                .withFinalityDepth(environment.finalityDepth());
        try (ChainIndexer indexer = new ChainIndexer(rpc, store, suite, configuration, IndexChangeListener.NONE,
                new IndexerMetrics(new SimpleMeterRegistry(), store.chainId()), IndexFaults.NONE, Clock.systemUTC())) {
            long lastSaid = System.nanoTime();
            while (indexer.step() != StepOutcome.IDLE) {
                if (System.nanoTime() - lastSaid > PROGRESS_EVERY.toNanos()) {
                    sayProgress(store, done);
                    lastSaid = System.nanoTime();
                }
            }
            store.clearHalt();
        }
        sayProgress(store, done);
    }

    private static void awaitInstance(IndexStore store, Rewound done) throws Exception {
        long deadline = System.nanoTime() + WAIT_FOR_INSTANCE_MAX.toNanos();
        while (store.checkpoint().orElseThrow().indexedBlock() < done.target()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the indexing instance did not reach block " + done.target()
                        + " within " + WAIT_FOR_INSTANCE_MAX + "; see its /health");
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
            sayProgress(store, done);
        }
    }

    private static void sayProgress(IndexStore store, Rewound done) throws Exception {
        long indexed = store.checkpoint().orElseThrow().indexedBlock();
        say("chain %d: indexed up to block %d of %d", store.chainId(), indexed, done.target());
    }

    private static void say(String format, Object... values) {
        System.err.println("reindex: " + String.format(format, values));
    }
}
