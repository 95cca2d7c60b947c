package org.broadcastallocation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.problem.ResourceType;

/**
 * The XLSX writer on its own, read back as a spreadsheet program reads it: what a name or a reason can contain never
 * becomes a formula, and weights are numbers.
 */
class ReportWorkbookTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-06-24T07:00:00+02:00");

    @Test
    void namesThatLookLikeFormulasAreReadBackAsTheTextTheyAre() throws IOException {
        var report = new AllocationReport("e", 1, "SOLVED", null, null, 0, List.of(
                booth("r-1", "=cmd|'/c calc'!A0 <b>&", "EB-01"), booth("r-2", "+SUM(A1:A9)", "EB-02"),
                booth("r-3", "-1+2", "EB-03"), booth("r-4", "@HYPERLINK(\"http://x\")", "EB-04")),
                List.of(new AllocationReport.Unassigned("r-5", "bbc", ResourceType.PARKING_OB, 60,
                        List.of("first \u0001reason", "second \"quoted\""), List.of())),
                List.of(), null, null, null, null);

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(ReportWorkbook.of(report)))) {
            var names = new ArrayList<String>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("EDIT_BOOTH", "STANDUP_INDOOR", "STANDUP_OUTDOOR", "LIVE_AREA",
                    "TV_STUDIO", "ONLINE_STUDIO", "PARKING_SNG", "PARKING_OB", "Unassigned");
            var booths = workbook.getSheet("EDIT_BOOTH");
            assertThat(texts(booths.getRow(0))).containsExactly("request", "organisation", "resource", "start",
                    "end", "pinned");
            assertThat(texts(booths.getRow(1))).containsExactly("r-1", "=cmd|'/c calc'!A0 <b>&", "EB-01",
                    "2025-06-24T07:00+02:00", "2025-06-24T10:00+02:00", "yes");
            assertThat(booths.getRow(2).getCell(1).getStringCellValue()).isEqualTo("+SUM(A1:A9)");
            assertThat(booths.getRow(3).getCell(1).getStringCellValue()).isEqualTo("-1+2");
            assertThat(booths.getRow(4).getCell(1).getStringCellValue()).isEqualTo("@HYPERLINK(\"http://x\")");
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell ->
                    assertThat(cell.getCellType()).as(cell.getAddress().formatAsString())
                            .isNotEqualTo(CellType.FORMULA))));

            var unassigned = workbook.getSheet("Unassigned").getRow(1);
            assertThat(unassigned.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(unassigned.getCell(3).getNumericCellValue()).isEqualTo(60);
            assertThat(unassigned.getCell(4).getStringCellValue()).isEqualTo("first reason\nsecond \"quoted\"");
        }
    }

    @Test
    void aTypeWithNothingAllocatedStillHasItsSheetWithItsHeader() throws IOException {
        var report = new AllocationReport("e", 1, "SOLVED", null, null, 0, List.of(), List.of(), List.of(), null,
                null, null, null);

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(ReportWorkbook.of(report)))) {
            Sheet studios = workbook.getSheet("TV_STUDIO");
            assertThat(studios.getLastRowNum()).isZero();
            assertThat(texts(studios.getRow(0))).startsWith("request", "organisation");
            assertThat(texts(workbook.getSheet("Unassigned").getRow(0))).containsExactly("request", "organisation",
                    "type", "weight", "reasons");
        }
    }

    private static AllocationReport.Allocation booth(String request, String organisation, String resource) {
        return new AllocationReport.Allocation(request, organisation, ResourceType.EDIT_BOOTH, resource, START,
                START.plusHours(3), true);
    }

    private static List<String> texts(Row row) {
        var texts = new ArrayList<String>();
        row.forEach((Cell cell) -> texts.add(cell.getStringCellValue()));
        return texts;
    }
}
