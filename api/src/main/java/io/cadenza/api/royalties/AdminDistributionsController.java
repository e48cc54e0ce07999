package io.cadenza.api.royalties;

import io.cadenza.api.twofactor.StepUp;
import io.cadenza.api.accounts.Caller;
import io.cadenza.api.audit.AuditTrail;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.security.authentication.Authentication;

import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.jobs.distributions.Distribution;
import io.cadenza.jobs.distributions.DistributionException;
import io.cadenza.jobs.distributions.DistributionPrompts;
import io.cadenza.jobs.distributions.DistributionRunner;
import io.cadenza.jobs.distributions.DistributionStatus;
import io.cadenza.jobs.distributions.DistributionStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Distributions for admins: all of them or those in one status (AWAITING_FUNDS, FAILED…), and retries. */
@Controller("/v1/admin/distributions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminDistributionsController {
    private final DistributionStore distributions;
    private final DistributionRunner runner;
    private final DistributionPrompts prompts;
    private final AuditTrail audit;

    public AdminDistributionsController(DistributionStore distributions, DistributionRunner runner,
            DistributionPrompts prompts, AuditTrail audit) {
        this.audit = audit;
        this.distributions = distributions;
        this.runner = runner;
        this.prompts = prompts;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Page<DistributionView> list(@Nullable @QueryValue String status, @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        String wanted = null;
        if (status != null) {
            try {
                wanted = DistributionStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException unknown) {
                throw ProblemException.invalidField("status", "must be one of " + List.of(DistributionStatus.values()));
            }
        }
        int pageSize = Cursor.limit(limit);
        NewestFirst position = NewestFirst.decode(cursor);
        List<Distribution> page = distributions.page(wanted, position.before(), position.beforeId(), pageSize + 1);
        Distribution last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(DistributionView::of).toList(),
                last == null ? null : NewestFirst.encode(last.createdAt(), last.id()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public DistributionView show(@PathVariable UUID id) {
        return DistributionView.of(distributions.findById(id).orElseThrow(() -> MoneyProblems.of(
                new DistributionException(DistributionException.Kind.NOT_FOUND, "No distribution " + id + "."))));
    }

    /**
     * A new attempt of a FAILED distribution. {@code attempt} is the one the admin saw fail (the current one when
     * omitted): two admins retrying the same failure make one attempt, not two.
     */
    @Post(uri = "/{id}/retry", produces = MediaType.APPLICATION_JSON)
    @StepUp
    public DistributionView retry(@PathVariable UUID id, @Nullable @QueryValue Integer attempt,
            Authentication authentication) {
        int failed = attempt != null ? attempt : distributions.findById(id).map(Distribution::attempt).orElseThrow(() ->
                MoneyProblems.of(new DistributionException(DistributionException.Kind.NOT_FOUND,
                        "No distribution " + id + ".")));
        Distribution retried = audit.recording(() -> runner.retry(id, failed), next -> new AuditRecord(
                AuditRecord.account(Caller.of(authentication).accountId()), "distribution.retry", "distribution:" + id,
                AuditRecord.state("status", "FAILED", "attempt", failed),
                AuditRecord.state("status", next.status(), "attempt", next.attempt())));
        prompts.retried(retried);
        return DistributionView.of(retried);
    }
}
