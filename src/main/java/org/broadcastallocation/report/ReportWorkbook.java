package org.broadcastallocation.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.broadcastallocation.problem.ResourceType;

/**
 * The allocation report as an Office Open XML workbook: a sheet per resource type (its allocations, by resource and
 * start) and one sheet of the unassigned requests with their reasons. Written directly as SpreadsheetML with inline
 * strings, the smallest package a spreadsheet program opens, so the service needs no spreadsheet library.
 */
public final class ReportWorkbook {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String UNASSIGNED_SHEET = "Unassigned";

    private static final List<String> ALLOCATION_HEADER = List.of("request", "organisation", "resource", "start",
            "end", "pinned");
    private static final List<String> UNASSIGNED_HEADER = List.of("request", "organisation", "type", "weight",
            "reasons");

    private ReportWorkbook() {
    }

    /** A sheet's name and its rows; the first row is the header. Numbers are written as numbers. */
    record Sheet(String name, List<List<Object>> rows) {
    }

    public static byte[] of(AllocationReport report) {
        var sheets = new ArrayList<Sheet>();
        for (ResourceType type : ResourceType.values()) {
            var rows = new ArrayList<List<Object>>();
            rows.add(List.copyOf(ALLOCATION_HEADER));
            report.allocations().stream().filter(allocation -> allocation.type() == type)
                    .sorted(Comparator.comparing(AllocationReport.Allocation::resource)
                            .thenComparing(AllocationReport.Allocation::start))
                    .forEach(allocation -> rows.add(List.of(allocation.request(), allocation.organisation(),
                            allocation.resource(), allocation.start().toString(), allocation.end().toString(),
                            allocation.pinned() ? "yes" : "no")));
            sheets.add(new Sheet(type.name(), rows));
        }
        var unassigned = new ArrayList<List<Object>>();
        unassigned.add(List.copyOf(UNASSIGNED_HEADER));
        report.unassigned().stream().sorted(Comparator.comparing(AllocationReport.Unassigned::request))
                .forEach(request -> unassigned.add(List.of(request.request(), request.organisation(),
                        String.valueOf(request.type()), request.weight(), String.join("\n", request.reasons()))));
        sheets.add(new Sheet(UNASSIGNED_SHEET, unassigned));
        return write(sheets);
    }

    static byte[] write(List<Sheet> sheets) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "[Content_Types].xml", contentTypes(sheets.size()));
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/\
                    officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            entry(zip, "xl/workbook.xml", workbook(sheets));
            entry(zip, "xl/_rels/workbook.xml.rels", workbookRelations(sheets.size()));
            for (int i = 0; i < sheets.size(); i++) {
                entry(zip, "xl/worksheets/sheet" + (i + 1) + ".xml", worksheet(sheets.get(i).rows()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String contentTypes(int sheetCount) {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        for (int i = 1; i <= sheetCount; i++) {
            xml.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml")
                    .append(".worksheet+xml\"/>");
        }
        return xml.append("</Types>").toString();
    }

    private static String workbook(List<Sheet> sheets) {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        for (int i = 0; i < sheets.size(); i++) {
            xml.append("<sheet name=\"").append(escape(sheets.get(i).name())).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        return xml.append("</sheets></workbook>").toString();
    }

    private static String workbookRelations(int sheetCount) {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (int i = 1; i <= sheetCount; i++) {
            xml.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/")
                    .append("officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i)
                    .append(".xml\"/>");
        }
        return xml.append("</Relationships>").toString();
    }

    private static String worksheet(List<List<Object>> rows) {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (int r = 0; r < rows.size(); r++) {
            xml.append("<row r=\"").append(r + 1).append("\">");
            var row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String reference = column(c) + (r + 1);
                Object value = row.get(c);
                if (value instanceof Number number) {
                    xml.append("<c r=\"").append(reference).append("\"><v>").append(number).append("</v></c>");
                } else {
                    // Inline strings are never formulas, so an organisation's name cannot run anything here.
                    xml.append("<c r=\"").append(reference).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                            .append(escape(String.valueOf(value))).append("</t></is></c>");
                }
            }
            xml.append("</row>");
        }
        return xml.append("</sheetData></worksheet>").toString();
    }

    /** 0 to A, 25 to Z, 26 to AA. */
    static String column(int index) {
        var name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    /** XML text: the five markup characters escaped, and the control characters XML 1.0 forbids dropped. */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        text.codePoints().forEach(point -> {
            switch (point) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (point >= 0x20 || point == '\t' || point == '\n' || point == '\r') {
                        escaped.appendCodePoint(point);
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
