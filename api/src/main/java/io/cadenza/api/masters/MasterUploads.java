package io.cadenza.api.masters;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.ipfs.BlockStore;
import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.api.ipfs.UploadedBlocks;
import io.cadenza.api.multipart.MultipartReader;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.wallets.LinkedWallet;
import io.cadenza.api.wallets.WalletStore;
import io.cadenza.api.quotas.Quotas;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns an uploaded multipart body into a stored DRAFT master: files in the block store, fields checked. */
@Singleton
public class MasterUploads {
    private final BlockStore blocks;
    private final UnixFsImporter importer;
    private final MastersConfiguration limits;
    private final WalletStore wallets;
    private final JsonMapper json;
    private final Clock clock;
    private final MasterStore masters;
    private final MasterRegistrar registrar;
    private final Quotas quotas;

    public MasterUploads(BlockStore blocks, UnixFsImporter importer, MastersConfiguration limits, WalletStore wallets,
            JsonMapper json, Clock clock, MasterStore masters, MasterRegistrar registrar, Quotas quotas) {
        this.masters = masters;
        this.registrar = registrar;
        this.quotas = quotas;
        this.blocks = blocks;
        this.importer = importer;
        this.limits = limits;
        this.wallets = wallets;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A checked upload: the draft to store, what identifies the request for Idempotency-Key replays, and the blocks it
     * created (to take back if the draft is not stored after all).
     */
    public record Accepted(Master draft, Map<String, Object> fingerprint, UploadedBlocks blocks) {}

    /** The caller's linked wallets; an upload is refused before its body is read when there are none. */
    public List<LinkedWallet> requireWallet(Caller caller) {
        List<LinkedWallet> linked = wallets.list(caller.accountId());
        if (linked.isEmpty()) {
            throw ProblemException.invalidField("wallet", "link a wallet first (POST /v1/wallets): the master's"
                    + " token is minted to it").closingConnection();
        }
        return linked;
    }

    /**
     * Stores the draft and starts it on its way, in one transaction: the artist's quotas are checked exactly, under
     * the artist's lock, with the master's real sizes, so that two uploads at once cannot both take the last place.
     */
    @Transactional
    public Master store(Master draft) {
        long bytes = draft.audio().bytes() + (draft.cover() == null ? 0 : draft.cover().bytes())
                + draft.metadata().bytes();
        quotas.reserveUpload(draft.artistId(), bytes);
        try {
            masters.insert(draft);
        } catch (MasterStore.IsrcTakenException e) {
            throw new ProblemException(ProblemType.ISRC_TAKEN, "A master with ISRC " + draft.isrc() + " exists.");
        }
        return registrar.advance(draft);
    }

    /** Reads and checks an upload; when it is refused, the blocks it created are removed before the answer. */
    public Accepted read(Caller caller, List<LinkedWallet> linked, String boundary, InputStream body)
            throws IOException {
        UploadedBlocks created = new UploadedBlocks(blocks);
        try {
            return read(caller, linked, boundary, body, created);
        } catch (IOException | RuntimeException e) {
            created.discard();
            throw e;
        }
    }

    private Accepted read(Caller caller, List<LinkedWallet> linked, String boundary, InputStream body,
            UploadedBlocks created) throws IOException {
        MasterUpload upload = new MasterUpload(created, importer, limits);
        try {
            MultipartReader.read(body, boundary, upload);
        } catch (MultipartReader.MalformedMultipartException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, e.getMessage()).closingConnection();
        } catch (ProblemException e) {
            throw e.closingConnection(); // refused mid-stream: the rest of the body is not read
        }
        MasterForm form = MasterForm.validate(upload.fields(), upload.audio(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        String wallet = chooseWallet(form, linked);
        StoredFile audio = upload.audio();
        byte[] metadataJson = MasterMetadata.json(form, audio, upload.cover(), json);
        UnixFsImporter.ImportedFile metadata = importer.add(new ByteArrayInputStream(metadataJson), created);
        created.persist(); // before the draft exists: it will point at these blocks, on chain for good
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Master draft = new Master(UUID.randomUUID(), caller.accountId(), wallet, form.title(), form.artistName(),
                form.isrc().toString(), form.releaseDate(), form.royaltyShareBps(), MasterStatus.DRAFT, null, null,
                audio, upload.cover(),
                new StoredFile(metadata.root().toString(), metadata.sizeBytes(), StoredFile.METADATA_MEDIA_TYPE, null),
                0, null, null, now, now);
        Map<String, Object> fingerprint = new LinkedHashMap<>(upload.fields());
        fingerprint.put("audio", audio.cid());
        fingerprint.put("cover", upload.cover() == null ? "" : upload.cover().cid());
        return new Accepted(draft, fingerprint, created);
    }

    private static String chooseWallet(MasterForm form, List<LinkedWallet> linked) {
        if (form.wallet() != null) {
            return linked.stream().map(LinkedWallet::address).filter(form.wallet()::equals).findFirst()
                    .orElseThrow(() -> ProblemException.invalidField("wallet", "must be one of your linked wallets"));
        }
        if (linked.size() > 1) {
            throw ProblemException.invalidField("wallet", "must name one of your linked wallets (you have "
                    + linked.size() + ")");
        }
        return linked.getFirst().address();
    }
}
