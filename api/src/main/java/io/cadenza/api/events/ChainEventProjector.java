package io.cadenza.api.events;

import io.cadenza.api.events.EventCheckpoints.Checkpoint;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingStore;
import io.cadenza.api.wallets.WalletStore;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.query.CapTableEntry;
import io.cadenza.indexer.query.ChainActivity;
import io.cadenza.indexer.query.IndexReader;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.cadenza.api.scheduling.FixedDelayTask;
import io.cadenza.chain.roles.ApiRole;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;

/**
 * Turns the index's purchases, issues, distributions and claims into the events of the accounts they concern: the
 * wallet's owner, and the offering's artist. Woken by the indexer's Redis notifications (and polling every second
 * in case one is lost). Runs on every instance, from a shared checkpoint: events are keyed, so
 * two passes over the same blocks store each once. When the checkpoint's block is no longer canonical (a reorg under
 * it), it steps back: events from the orphaned blocks are retracted ({@code event.retracted}, naming them), and the
 * replacement blocks are projected.
 */
@Context
@Requires(condition = ApiRole.class)
@Requires(property = "cadenza.events.projector.enabled", notEquals = "false")
public class ChainEventProjector implements AutoCloseable {
    /** Activity read per query, and queries per pass: a bound on one pass's work. */
    public static final int ACTIVITY_PER_PAGE_MAX = 500;
    public static final int PAGES_PER_PASS_MAX = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ChainEventProjector.class);

    private final EventCheckpoints checkpoints;
    private final IndexReader index;
    private final AccountEvents events;
    private final WalletStore wallets;
    private final OfferingStore offerings;
    private final MasterStore masters;
    private final long chainId;
    /** How far to step back when the checkpoint's block was reorged away: as deep as any reorg the indexer follows. */
    private final int rewindBlocks;
    /** Holders of distributions told per pass at most (a distribution to more goes on in the next passes). */
    private final int holdersPerPass;
    private final FixedDelayTask task;
    private final reactor.core.Disposable indexSubscription;
    /** Where an unfinished retraction scan resumes: the last event id it looked at. */
    private volatile long retractionResumeAfterId;
    /** The block above which that scan retracts: a scan above another block starts over. */
    private volatile long retractionAbove = Long.MIN_VALUE;

    public ChainEventProjector(EventCheckpoints checkpoints, IndexReader index, AccountEvents events, WalletStore wallets,
            OfferingStore offerings, MasterStore masters, ChainConfiguration chain, IndexerConfiguration indexer,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, AccountEventBus bus,
            @Value("${cadenza.events.projector.interval:1s}") Duration interval,
            @Value("${cadenza.events.projector.holders-per-pass:20000}") int holdersPerPass) {
        this.checkpoints = checkpoints;
        this.index = index;
        this.events = events;
        this.wallets = wallets;
        this.offerings = offerings;
        this.masters = masters;
        this.chainId = chain.chainId();
        this.rewindBlocks = indexer.finalityDepthFor(chainId);
        if (holdersPerPass < 1) {
            throw new IllegalArgumentException("cadenza.events.projector.holders-per-pass must be at least 1");
        }
        this.holdersPerPass = holdersPerPass;
        this.task = new FixedDelayTask(scheduler, "chain event projection", Duration.ofSeconds(1), interval,
                this::pass);
        // The indexer's notifications start a pass at once; the schedule covers any that Redis loses.
        String watched = Long.toString(chainId);
        this.indexSubscription = bus.indexChanges().filter(watched::equals).subscribe(change -> task.trigger());
    }

    @Override
    @PreDestroy
    public void close() {
        indexSubscription.dispose();
        task.close();
    }

    /** Projects what the index holds beyond the checkpoint, up to a bound; answers the events stored. */
    public int pass() {
        Optional<IndexReader.IndexState> state = index.state(chainId);
        if (state.isEmpty()) {
            return 0;
        }
        if (state.get().recoveryCount() > checkpoints.recoveriesRepaired(chainId).orElse(0L)) {
            return repairAfterRecovery(state.get());
        }
        IndexReader.IndexedHead head = new IndexReader.IndexedHead(state.get().indexedBlock(),
                state.get().indexedHash());
        Checkpoint checkpoint = checkpoint();
        Checkpoint position = checkpoint;
        if (position.blockNumber() >= 0 && !position.blockHash().isEmpty()
                && !index.isCanonical(chainId, position.blockNumber(), position.blockHash())) {
            position = new Checkpoint(Math.max(-1, position.blockNumber() - rewindBlocks), "", Integer.MAX_VALUE);
            Retraction retraction = retractOrphaned(position.blockNumber(),
                    block -> index.isCanonical(chainId, block.number(), block.hash()));
            if (!retraction.done()) {
                // Bounded pass: the checkpoint stays where the reorg left it, so the next pass goes on retracting.
                LOG.info("events checkpoint {} was reorged away; {} event(s) retracted so far", checkpoint,
                        retraction.retracted());
                return 0;
            }
            LOG.info("events checkpoint {} was reorged away; {} event(s) retracted, projecting again after block {}",
                    checkpoint, retraction.retracted(), position.blockNumber());
        }
        long to = head.blockNumber();
        int stored = 0;
        // Holders the first distribution after the checkpoint has told already, when a pass stopped inside it.
        String holdersToldUpTo = position == checkpoint ? checkpoint.holderAfter() : null;
        HolderBudget budget = new HolderBudget(holdersPerPass);
        for (int page = 0; page < PAGES_PER_PASS_MAX; page++) {
            List<ChainActivity> activity = index.activity(chainId, position.blockNumber(), position.logIndex(), to,
                    ACTIVITY_PER_PAGE_MAX);
            Concerned concerned = concerned(activity);
            for (ChainActivity happened : activity) {
                Projected projected = project(happened, concerned, holdersToldUpTo, budget);
                holdersToldUpTo = null;
                stored += projected.stored();
                if (projected.holdersToldUpTo() != null) {
                    // Bounded pass: the next one goes on telling this distribution's holders after the last one told.
                    advance(checkpoint, new Checkpoint(position.blockNumber(), position.blockHash(),
                            position.logIndex(), projected.holdersToldUpTo()));
                    return stored;
                }
                position = new Checkpoint(happened.blockNumber(), happened.blockHash(), happened.logIndex());
            }
            if (activity.size() < ACTIVITY_PER_PAGE_MAX) {
                advance(checkpoint, new Checkpoint(to, head.blockHash(), Integer.MAX_VALUE));
                return stored;
            }
        }
        advance(checkpoint, position); // bounded pass: the next one continues after the last log done
        return stored;
    }

    /**
     * After an operator's recovery of the index (the reindex command, for a reorg deeper than finality): once the
     * index is rebuilt up to the node's head of that time, every event from a block above the recovery's start that
     * the index does not hold is retracted (checked exactly, against its logs, however old the block), and projecting
     * resumes at the recovery's start; events of blocks that stayed are keyed and not stored twice.
     */
    private int repairAfterRecovery(IndexReader.IndexState state) {
        long recoveredTo = state.recoveredTo() == null ? -1 : state.recoveredTo();
        long target = state.recoveryTarget() == null ? state.indexedBlock() : state.recoveryTarget();
        if (state.indexedBlock() < target) {
            // Still being rebuilt: a block the index does not hold yet may well be canonical.
            return 0;
        }
        Retraction retraction = retractOrphaned(recoveredTo,
                block -> index.holdsBlock(chainId, block.number(), block.hash()));
        if (!retraction.done()) {
            LOG.info("index recovery {}: {} event(s) retracted so far", state.recoveryCount(), retraction.retracted());
            return 0;
        }
        Checkpoint checkpoint = checkpoint();
        Checkpoint resume = checkpoint.blockNumber() > recoveredTo
                ? new Checkpoint(recoveredTo, "", Integer.MAX_VALUE) : checkpoint;
        checkpoints.repaired(chainId, state.recoveryCount(), resume.blockNumber(), resume.blockHash(),
                resume.logIndex(), resume.holderAfter());
        LOG.warn("index recovery {}: {} event(s) from blocks no longer on the chain retracted; projecting again after"
                + " block {}", state.recoveryCount(), retraction.retracted(), resume.blockNumber());
        return retraction.retracted();
    }

    /** What a pass of retraction did, and whether every event above the rewound checkpoint has been looked at. */
    private record Retraction(int retracted, boolean done) {}

    /**
     * Retracts the events standing for blocks above {@code blockNumber} that are no longer canonical, at most
     * {@link #PAGES_PER_PASS_MAX} pages of them per pass; the next pass goes on from where this one stopped (kept in
     * memory: after a restart the scan starts over, and retracting is idempotent).
     */
    private Retraction retractOrphaned(long blockNumber,
            java.util.function.Predicate<AccountEvents.SourceBlock> stillCanonical) {
        if (blockNumber != retractionAbove) {
            retractionAbove = blockNumber;
            retractionResumeAfterId = 0;
        }
        Map<AccountEvents.SourceBlock, Boolean> canonical = new HashMap<>();
        int retracted = 0;
        for (int page = 0; page < PAGES_PER_PASS_MAX; page++) {
            List<AccountEventStore.BlockEvent> events = this.events.fromBlocksAbove(blockNumber,
                    retractionResumeAfterId, ACTIVITY_PER_PAGE_MAX);
            for (AccountEventStore.BlockEvent event : events) {
                boolean stands = canonical.computeIfAbsent(event.block(), stillCanonical::test);
                if (!stands && this.events.retract(event, "reorg")) {
                    retracted++;
                }
            }
            if (events.size() < ACTIVITY_PER_PAGE_MAX) {
                retractionResumeAfterId = 0;
                return new Retraction(retracted, true);
            }
            retractionResumeAfterId = events.getLast().id();
        }
        return new Retraction(retracted, false);
    }

    /** Who a page of activity concerns, looked up once per page: offerings, their artists, wallets' owners. */
    private record Concerned(Map<String, Offering> offeringsByContract, Map<UUID, UUID> artistsByMaster,
            Map<String, UUID> accountsByWallet) {}

    private Concerned concerned(List<ChainActivity> activity) {
        List<String> contracts = activity.stream().map(ChainActivity::contract).distinct().toList();
        Map<String, Offering> offeringsByContract = new HashMap<>();
        for (Offering offering : contracts.isEmpty() ? List.<Offering>of() : offerings.findByContracts(contracts)) {
            offeringsByContract.put(offering.sharesAddress(), offering);
            offeringsByContract.put(offering.saleAddress(), offering);
        }
        List<UUID> masterIds = offeringsByContract.values().stream().map(Offering::masterId).distinct().toList();
        Map<UUID, UUID> artistsByMaster = new HashMap<>();
        masters.findByIds(masterIds).forEach(master -> artistsByMaster.put(master.id(), master.artistId()));
        List<String> wallets = activity.stream().map(ChainActivity::wallet).filter(java.util.Objects::nonNull)
                .distinct().toList();
        return new Concerned(offeringsByContract, artistsByMaster, this.wallets.accountsOf(wallets));
    }

    /** What projecting one activity stored, and, for a distribution stopped by the budget, the last holder told. */
    private record Projected(int stored, @Nullable String holdersToldUpTo) {}

    /** Holders a pass may still tell of distributions: a bound on one pass's work. */
    private static final class HolderBudget {
        private int left;

        HolderBudget(int left) {
            this.left = left;
        }
    }

    private Projected project(ChainActivity happened, Concerned concerned, @Nullable String holdersToldUpTo,
            HolderBudget budget) {
        Optional<Offering> offering = Optional.ofNullable(concerned.offeringsByContract().get(happened.contract()));
        if (offering.isEmpty()) {
            return new Projected(0, null); // an offering this API did not create
        }
        UUID artist = concerned.artistsByMaster().get(offering.get().masterId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringId", offering.get().id().toString());
        data.put("transactionHash", happened.transactionHash());
        data.put("blockNumber", happened.blockNumber());
        int stored = 0;
        switch (happened.kind()) {
            case PURCHASE, ISSUE -> {
                data.put("wallet", Keys.toChecksumAddress(happened.wallet()));
                data.put("shares", happened.quantity().toString());
                if (happened.kind() == ChainActivity.Kind.PURCHASE) {
                    data.put("costMinorUnits", happened.reference());
                }
                String type = happened.kind() == ChainActivity.Kind.PURCHASE ? "purchase.confirmed" : "shares.issued";
                UUID buyer = concerned.accountsByWallet().get(happened.wallet());
                stored += append(buyer, happened, ":holder", type, data);
                stored += append(artist, happened, ":artist", "offering." + type, data);
            }
            case CLAIM -> {
                data.put("wallet", Keys.toChecksumAddress(happened.wallet()));
                data.put("amountMinorUnits", happened.quantity().toString());
                UUID holder = concerned.accountsByWallet().get(happened.wallet());
                stored += append(holder, happened, ":holder", "dividend.claimed", data);
            }
            case DISTRIBUTION -> {
                data.put("distributionId", happened.reference());
                data.put("amountMinorUnits", happened.quantity().toString());
                stored += append(artist, happened, ":artist", "offering.distributed", data);
                Projected holders = notifyHolders(offering.get(), happened, data, holdersToldUpTo, budget);
                return new Projected(stored + holders.stored(), holders.holdersToldUpTo());
            }
        }
        return new Projected(stored, null);
    }

    /**
     * Tells each account holding shares now, after {@code holdersToldUpTo} when a pass stopped inside this
     * distribution: holders are paged, and a pass tells at most its budget's worth of them; answers the last holder
     * told when the budget ran out before the cap table did.
     */
    private Projected notifyHolders(Offering offering, ChainActivity happened, Map<String, Object> data,
            @Nullable String holdersToldUpTo, HolderBudget budget) {
        int stored = 0;
        String after = holdersToldUpTo;
        while (budget.left > 0) {
            int pageSize = Math.min(IndexReader.PAGE_SIZE_MAX, budget.left);
            List<CapTableEntry> holders = index.capTable(chainId, offering.sharesAddress(), after, pageSize);
            budget.left -= holders.size();
            Map<String, UUID> accounts = wallets.accountsOf(holders.stream().map(CapTableEntry::holder).toList());
            for (CapTableEntry holder : holders) {
                UUID account = accounts.get(holder.holder());
                if (account != null) {
                    Map<String, Object> own = new LinkedHashMap<>(data);
                    own.put("wallet", Keys.toChecksumAddress(holder.holder()));
                    own.put("shares", holder.shares().toString());
                    stored += append(account, happened, ":" + holder.holder(), "dividend.distributed", own);
                }
            }
            if (holders.size() < pageSize) {
                return new Projected(stored, null);
            }
            after = holders.getLast().holder();
        }
        return new Projected(stored, after);
    }

    private int append(UUID account, ChainActivity happened, String role, String type, Map<String, Object> data) {
        return account != null && events.append(account, "chain:" + happened.key() + role, type, data,
                new AccountEvents.SourceBlock(happened.blockNumber(), happened.blockHash())) ? 1 : 0;
    }

    private Checkpoint checkpoint() {
        return checkpoints.find(chainId).orElse(new Checkpoint(-1, "", Integer.MAX_VALUE));
    }

    /** Moves the checkpoint unless another instance moved it first (it then did the same work). */
    private void advance(Checkpoint from, Checkpoint to) {
        checkpoints.advance(chainId, from.blockNumber(), from.blockHash(), from.logIndex(), from.holderAfter(),
                to.blockNumber(), to.blockHash(), to.logIndex(), to.holderAfter());
    }
}
