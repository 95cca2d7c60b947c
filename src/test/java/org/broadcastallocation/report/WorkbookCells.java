package org.broadcastallocation.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workbook as a spreadsheet program opens it, for tests: each sheet by name, in order, with its rows of cell
 * texts (a number as its value, "60"; a formula, which the report never writes, as "=" and its expression).
 */
public final class WorkbookCells {

    private WorkbookCells() {
    }

    public static Map<String, List<List<String>>> of(byte[] workbook) throws IOException {
        var sheets = new LinkedHashMap<String, List<List<String>>>();
        try (var opened = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            opened.forEach(sheet -> {
                var rows = new ArrayList<List<String>>();
                sheet.forEach(row -> {
                    var cells = new ArrayList<String>();
                    row.forEach(cell -> cells.add(switch (cell.getCellType()) {
                        case NUMERIC -> {
                            double value = cell.getNumericCellValue();
                            yield value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
                        }
                        case FORMULA -> "=" + cell.getCellFormula();
                        default -> cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : "";
                    }));
                    rows.add(cells);
                });
                sheets.put(sheet.getSheetName(), rows);
            });
        }
        return sheets;
    }
}
