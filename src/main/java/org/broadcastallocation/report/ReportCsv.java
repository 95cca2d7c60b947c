package org.broadcastallocation.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The allocation report as CSV, one row per request, served or not, for a spreadsheet. */
public final class ReportCsv {

    private static final String HEADER = "request,organisation,type,outcome,resource,start,end,pinned,weight,reasons";

    private ReportCsv() {
    }

    public static String of(AllocationReport report) {
        var rows = new ArrayList<List<String>>();
        for (var allocation : report.allocations()) {
            rows.add(List.of(allocation.request(), allocation.organisation(), String.valueOf(allocation.type()),
                    "allocated", allocation.resource(), allocation.start().toString(), allocation.end().toString(),
                    String.valueOf(allocation.pinned()), "", ""));
        }
        for (var unassigned : report.unassigned()) {
            rows.add(List.of(unassigned.request(), unassigned.organisation(), String.valueOf(unassigned.type()),
                    "unassigned", "", "", "", "false", String.valueOf(unassigned.weight()),
                    String.join("; ", unassigned.reasons())));
        }
        rows.sort(Comparator.comparing((List<String> row) -> row.get(0)));
        var csv = new StringBuilder(HEADER).append("\r\n");
        for (var row : rows) {
            csv.append(String.join(",", row.stream().map(ReportCsv::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * RFC 4180 quoting; a cell that a spreadsheet would take for a formula (=, +, -, @) is prefixed with a quote
     * mark, so that an organisation name cannot run code on an operator's machine.
     */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+")
                ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
