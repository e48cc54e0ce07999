package io.cadenza.api.index;

import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.consistency.ConsistencyReport;
import io.cadenza.indexer.consistency.Discrepancy;
import io.cadenza.indexer.rpc.RpcException;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code GET /index-consistency}: every projected balance and claimable compared with the chain at the indexed
 * block. A management endpoint, sensitive like the others: it reads the whole cap table and calls the node per
 * holder.
 */
@Endpoint(id = "index-consistency")
public class IndexConsistencyEndpoint {
    private final ConsistencyCheck check;

    public IndexConsistencyEndpoint(ConsistencyCheck check) {
        this.check = check;
    }

    @Read
    public Report read() throws SQLException, RpcException {
        ConsistencyReport report = check.run();
        return new Report(report.chainId(), report.block(), report.consistent(), report.tokensChecked(),
                report.holdersChecked(), report.discrepancies().stream().map(Difference::of).toList());
    }

    @Serdeable
    public record Report(long chainId, long block, boolean consistent, int tokensChecked, int holdersChecked,
            List<Difference> discrepancies) {}

    @Serdeable
    public record Difference(String token, String holder, String quantity, String projected, String onChain) {
        static Difference of(Discrepancy discrepancy) {
            return new Difference(discrepancy.token(), discrepancy.holder(), discrepancy.quantity(),
                    discrepancy.projected(), discrepancy.onChain());
        }
    }
}
