package io.cadenza.api.custody;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.jobs.custody.Custody;
import io.cadenza.jobs.custody.CustodyHolder;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An investor's custody address: where shares bought without a wallet of their own are held for them. Created on the
 * first call, the same one after; its dividends are claimed by the platform and owed to the investor in fiat.
 */
@Controller("/v1/me/custody")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("INVESTOR")
public class MyCustodyController {
    private final Custody custody;

    public MyCustodyController(Custody custody) {
        this.custody = custody;
    }

    @Serdeable
    public record CustodyView(String address, Instant createdAt) {}

    @Post(produces = MediaType.APPLICATION_JSON)
    public CustodyView open(Authentication authentication) {
        if (!custody.enabled()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "Custody is not configured on this platform"
                    + " (cadenza.custody.seed).");
        }
        CustodyHolder holder = custody.holderOf(Caller.of(authentication).accountId());
        return new CustodyView(holder.address(), holder.createdAt());
    }
}
