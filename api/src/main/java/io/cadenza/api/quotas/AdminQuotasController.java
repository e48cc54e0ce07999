package io.cadenza.api.quotas;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.audit.AuditTrail;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.security.authentication.Authentication;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;

/** Admins raise (or reset) how many offerings of one master may be open at once. */
@Controller("/v1/admin/masters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminQuotasController {
    private final Quotas quotas;

    private final AuditTrail audit;

    public AdminQuotasController(Quotas quotas, AuditTrail audit) {
        this.quotas = quotas;
        this.audit = audit;
    }

    /** The master's limit of open offerings; null returns it to the configured default. */
    @Serdeable
    public record OfferingLimit(@Nullable @Min(1) @Max(100) Integer limit) {}

    @Post("/{id}/offering-limit")
    public OfferingLimit setOfferingLimit(@PathVariable UUID id, @Body @Valid OfferingLimit request,
            Authentication authentication) {
        return audit.recording(() -> {
            if (!quotas.setOpenOfferingsLimit(id, request.limit())) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No master " + id + ".");
            }
            return request;
        }, set -> new AuditRecord(AuditRecord.account(Caller.of(authentication).accountId()),
                "master.offering-limit", "master:" + id, null, AuditRecord.state("limit", set.limit())));
    }
}
