package org.broadcastallocation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.problem.ResourceType;

/** The XLSX writer on its own: what a name or a reason can contain never becomes markup or a formula. */
class ReportWorkbookTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-06-24T07:00:00+02:00");

    @Test
    void namesAndReasonsStayTextAndWeightsAreNumbers() throws Exception {
        var report = new AllocationReport("e", 1, "SOLVED", null, null, 0, List.of(
                new AllocationReport.Allocation("r-1", "=cmd|'/c calc'!A0 <b>&", ResourceType.EDIT_BOOTH, "EB-01",
                        START, START.plusHours(3), true)),
                List.of(new AllocationReport.Unassigned("r-2", "bbc", ResourceType.PARKING_OB, 60,
                        List.of("first \u0001reason", "second \"quoted\""), List.of())),
                List.of(), null, null, null, null);

        var parts = WorkbookParts.of(ReportWorkbook.of(report));

        var booths = parts.get("xl/worksheets/sheet1.xml");
        assertThat(booths).contains("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + "=cmd|&apos;/c calc&apos;!A0 &lt;b&gt;&amp;</t></is></c>").doesNotContain("<f>");
        assertThat(booths).contains("<c r=\"F2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">yes</t>");
        var unassigned = parts.get("xl/worksheets/sheet9.xml");
        assertThat(unassigned).contains("<c r=\"D2\"><v>60</v></c>")
                .contains(">first reason\nsecond &quot;quoted&quot;<").doesNotContain("\u0001");
        assertThat(parts.get("[Content_Types].xml")).contains("/xl/worksheets/sheet9.xml");
    }

    @Test
    void columnsAreLettersThenPairsOfLetters() {
        assertThat(ReportWorkbook.column(0)).isEqualTo("A");
        assertThat(ReportWorkbook.column(25)).isEqualTo("Z");
        assertThat(ReportWorkbook.column(26)).isEqualTo("AA");
        assertThat(ReportWorkbook.column(27)).isEqualTo("AB");
        assertThat(ReportWorkbook.column(701)).isEqualTo("ZZ");
        assertThat(ReportWorkbook.column(702)).isEqualTo("AAA");
    }
}
