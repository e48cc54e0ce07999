package io.cadenza.jobs.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distributor CSVs: columns found by name in any order, RFC 4180 quoting, and every fault told by its line. */
class StatementCsvTest {

    @Test
    void readsTheRequiredColumnsByNameAndIgnoresTheRest() {
        String csv = "\uFEFFStore,\"Title, with comma\",isrc,Amount,Streams,CURRENCY,Period\r\n"
                + "Spotify,\"Song \"\"One\"\"\",USRC17607839,12.34,1000,usd,2026-10\r\n"
                + "Apple,\"Line\nbreak\",US-RC1-76-07840,0.01,1,USD,2026-09-30\n\n";
        List<NewStatement.Line> lines = StatementCsv.parse(csv);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).isrc()).isEqualTo("USRC17607839");
        assertThat(lines.get(0).amount()).isEqualByComparingTo(new BigDecimal("12.34"));
        assertThat(lines.get(0).currency()).isEqualTo("USD");
        assertThat(lines.get(0).period()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(lines.get(1).period()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(lines.get(1).lineNo()).isEqualTo(2);
        assertThat(IsrcCode.canonical(lines.get(0).isrc())).hasValue("US-RC1-76-07839");
    }

    @Test
    void refusesWhatIsNotAStatementSayingWhere() {
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Amount,Currency\nUSRC17607839,1,USD\n"))
                .isInstanceOf(StatementException.class).hasMessageContaining("lacks the column(s) period");
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Period,Amount,Currency\n"))
                .isInstanceOf(StatementException.class).hasMessageContaining("no lines");
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Period,Amount,Currency\nUSRC17607839,2026-10,1\u0000,USD\n"))
                .isInstanceOf(StatementException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Period,Amount,Currency\n\"open,2026-10,1,USD\n"))
                .isInstanceOf(StatementException.class).hasMessageContaining("never closes");
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Period,Amount,Currency,ISRC\nA,2026-10,1,USD,B\n"))
                .isInstanceOf(StatementException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> StatementCsv.parse("ISRC,Period,Amount,Currency\n"
                + "USRC17607839,October,1,USD\nUSRC17607839,2026-10,1e5,USD\nUSRC17607839,2026-10\n"))
                .isInstanceOfSatisfying(StatementException.class, refused ->
                        assertThat(refused.faults()).extracting(StatementException.Fault::where)
                                .containsExactly("line 1 period", "line 2 amount", "line 3"));
    }
}
