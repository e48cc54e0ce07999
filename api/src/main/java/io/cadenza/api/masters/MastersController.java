package io.cadenza.api.masters;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.accounts.EmailVerifications;
import io.cadenza.api.accounts.Role;
import io.cadenza.api.idempotency.IdempotentRequests;
import io.cadenza.api.multipart.MultipartReader;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.wallets.LinkedWallet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import io.cadenza.api.quotas.Quotas;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Masters: upload (multipart, streamed), read, list, and retry of a failed step. */
@Controller("/v1/masters")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MastersController {
    private final MasterUploads uploads;
    private final MasterStore masters;
    private final MasterRegistrar registrar;
    private final IdempotentRequests idempotency;
    private final MastersConfiguration limits;
    private final UploadWatchdogs watchdogs;
    private final Quotas quotas;
    private final EmailVerifications emails;

    public MastersController(MasterUploads uploads, MasterStore masters, MasterRegistrar registrar,
            IdempotentRequests idempotency, MastersConfiguration limits, Quotas quotas, UploadWatchdogs watchdogs,
            EmailVerifications emails) {
        this.emails = emails;
        this.quotas = quotas;
        this.watchdogs = watchdogs;
        this.uploads = uploads;
        this.masters = masters;
        this.registrar = registrar;
        this.idempotency = idempotency;
        this.limits = limits;
    }

    /**
     * Uploads a master: fields {@code title}, {@code artistName}, {@code isrc}, {@code releaseDate},
     * {@code royaltySharePercent}, optional {@code wallet}; files {@code audio} and optional {@code cover}. The files
     * are added to IPFS as they arrive, then the metadata; all are pinned and the master is registered on chain.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured("ARTIST")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = MasterUploadForm.class)))
    @ApiResponse(responseCode = "201", description = "the master, pinned and on its way to the chain",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MasterView.class)))
    public MutableHttpResponse<?> upload(HttpRequest<?> request, @Body InputStream body,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication)
            throws IOException {
        Caller caller = Caller.of(authentication);
        try {
            emails.requireVerified(caller.accountId(), "upload masters");
        } catch (ProblemException unverified) {
            // Refused before the body is read: the connection closes rather than drain an upload nobody keeps.
            throw unverified.closingConnection();
        }
        long declaredBytes = request.getContentLength();
        if (declaredBytes > limits.requestBytesMax()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "An upload is at most " + limits.requestBytesMax() + " bytes.").closingConnection();
        }
        String boundary = MultipartReader.boundary(request.getHeaders().get(HttpHeaders.CONTENT_TYPE))
                .orElseThrow(() -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Send the master as multipart/form-data with a boundary.").closingConnection());
        List<LinkedWallet> linked = uploads.requireWallet(caller);
        try {
            quotas.checkUpload(caller.accountId(), Math.max(0, declaredBytes)); // before a byte of the body is read
        } catch (ProblemException overQuota) {
            throw overQuota.closingConnection(); // the body is not read: the client stops sending it
        }
        MasterUploads.Accepted accepted;
        try (IdleBody arriving = new IdleBody(body, limits.bodyIdleTimeout(), watchdogs.executor())) {
            accepted = uploads.read(caller, linked, boundary, arriving);
        }
        try {
            return idempotency.run(caller.accountId() + ":POST /v1/masters", idempotencyKey,
                    idempotency.fingerprint(accepted.fingerprint()), () -> create(accepted.draft()));
        } catch (RuntimeException refused) { // a taken ISRC, a conflicting Idempotency-Key: the files stay unused
            accepted.blocks().discard();
            throw refused;
        }
    }

    @Get("/{id}")
    @Secured({"ARTIST", "ADMIN"})
    public MasterView get(@PathVariable UUID id, Authentication authentication) {
        // As stored: a GET changes nothing; the catalog's progress pass moves masters along.
        return MasterView.of(visible(id, Caller.of(authentication)));
    }

    /** The caller's masters, newest first. */
    @Get
    @Secured("ARTIST")
    public Page<MasterView> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        Caller caller = Caller.of(authentication);
        int pageSize = Cursor.limit(limit);
        List<String> position = Cursor.decode(cursor, 1);
        Master after = null;
        if (position != null) {
            after = masters.find(parseId(position.getFirst())).filter(m -> m.artistId().equals(caller.accountId()))
                    .orElseThrow(() -> ProblemException.invalidField("cursor", "is not a cursor this list gave"));
        }
        List<Master> page = masters.listByArtist(caller.accountId(), after, pageSize + 1);
        List<MasterView> views = page.stream().limit(pageSize).map(MasterView::of).toList();
        String next = page.size() > pageSize ? Cursor.encode(page.get(pageSize - 1).id().toString()) : null;
        return new Page<>(views, next);
    }

    /**
     * Resumes a FAILED master at the step that failed (pinning or registration); other masters are answered as is.
     * With an {@code Idempotency-Key}, a repeated retry (a client unsure the first arrived) is answered the first
     * time's answer instead of starting one more attempt after the first one has failed again.
     */
    @Post("/{id}/retry")
    @Secured({"ARTIST", "ADMIN"})
    @ApiResponse(responseCode = "200", description = "the master after the retry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MasterView.class)))
    public MutableHttpResponse<?> retry(@PathVariable UUID id,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Master master = visible(id, caller);
        return idempotency.run(caller.accountId() + ":POST /v1/masters/" + id + "/retry", idempotencyKey,
                idempotency.fingerprint(id.toString()), () -> HttpResponse.ok(MasterView.of(registrar.retry(master))));
    }

    private MutableHttpResponse<?> create(Master draft) {
        Master master = uploads.store(draft);
        return HttpResponse.created(MasterView.of(master), URI.create("/v1/masters/" + master.id()));
    }

    /** The master, if the caller may see it: its artist, or an admin. Others are told it does not exist. */
    Master visible(UUID id, Caller caller) {
        return masters.find(id).filter(master -> caller.role() == Role.ADMIN
                        || master.artistId().equals(caller.accountId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No master " + id + "."));
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
    }
}
