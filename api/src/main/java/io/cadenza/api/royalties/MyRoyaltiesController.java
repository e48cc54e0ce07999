package io.cadenza.api.royalties;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.jobs.statements.ArtistRoyalty;
import io.cadenza.jobs.statements.SplitStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** An artist's royalties: each approved statement's income for each of their masters, and how it was shared. */
@Controller("/v1/me/royalties")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ARTIST")
public class MyRoyaltiesController {
    private final SplitStore splits;

    public MyRoyaltiesController(SplitStore splits) {
        this.splits = splits;
    }

    /**
     * One statement's income for one master: the gross in its currency (decimal text), the rate it was converted at,
     * and the payout-token units (base units, as text) that went to the holders and to the artist.
     */
    @Serdeable
    public record RoyaltyView(UUID statementId, String source, String periodStart, String periodEnd,
            Instant approvedAt, UUID masterId, String gross, String currency, String exchangeRate, String payoutToken,
            String payoutUnits, int royaltyShareBps, String holderUnits, String artistUnits) {

        static RoyaltyView of(ArtistRoyalty royalty) {
            return new RoyaltyView(royalty.statementId(), royalty.source(),
                    YearMonth.from(royalty.periodStart()).toString(), YearMonth.from(royalty.periodEnd()).toString(),
                    royalty.approvedAt(), royalty.masterId(),
                    CurrencyAmount.text(royalty.grossMinor(), royalty.currency()), royalty.currency(),
                    royalty.exchangeRate().stripTrailingZeros().toPlainString(), royalty.payoutToken(),
                    royalty.payoutUnits().toString(), royalty.royaltyShareBps(), royalty.holderUnits().toString(),
                    royalty.artistUnits().toString());
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Page<RoyaltyView> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        int pageSize = Cursor.limit(limit);
        List<String> parts = Cursor.decode(cursor, 1);
        long before;
        try {
            before = parts == null ? Long.MAX_VALUE : Long.parseLong(parts.getFirst());
        } catch (NumberFormatException notOurs) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        List<ArtistRoyalty> page = splits.ofArtist(Caller.of(authentication).accountId(), before, pageSize + 1);
        ArtistRoyalty last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(RoyaltyView::of).toList(),
                last == null ? null : Cursor.encode(Long.toString(last.ledgerEntryId())));
    }
}
