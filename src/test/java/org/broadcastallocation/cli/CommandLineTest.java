package org.broadcastallocation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;

class CommandLineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Fixture booths() {
        return Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2);
    }

    @Test
    void validateListsEveryBadRequestAndExitsWithOne() throws IOException {
        var problem = write(booths()
                .request("r-outside", "nos", EDIT_BOOTH).window("20 09:00", "23 09:00").and()
                .request("r-studio", "bbc", TV_STUDIO).window("24 09:00", "24 10:00").and()
                .request("r-ok", "nos", EDIT_BOOTH).document());

        int exit = run("validate", "--problem", problem);

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("2 problem(s)", "requests[r-outside].window", "outside the event",
                "requests[r-studio].type", "national delegations").doesNotContain("r-ok");
    }

    @Test
    void validateAcceptsAGoodDocument() throws IOException {
        var problem = write(booths().request("r1", "nos", EDIT_BOOTH).document());

        assertThat(run("validate", "--problem", problem)).isZero();
        assertThat(out()).contains("valid: 1 requests, 1 resources");
    }

    @Test
    void solveRefusesABadDocumentWholeAndWritesNoReport() throws IOException {
        var problem = write(booths().request("r1", "nos", EDIT_BOOTH).window("23 09:10", "24 09:00").document());
        var report = dir.resolve("report.json");

        int exit = run("solve", "--problem", problem, "--report", report.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("requests[r1].window.from", "not on the 15-minute grain");
        assertThat(report).doesNotExist();
    }

    @Test
    void brokenJsonIsRefusedWithItsPlace() throws IOException {
        var problem = dir.resolve("broken.json");
        Files.writeString(problem, "{\n  \"event\": {\"id\": \"x\",\n  \"start\": }\n}");

        assertThat(run("validate", "--problem", problem.toString())).isEqualTo(1);
        assertThat(err()).contains("refused: not valid at line 3");
    }

    @Test
    void aTimestampWithoutOffsetIsRefusedWithItsPath() throws IOException {
        var problem = dir.resolve("local-time.json");
        Files.writeString(problem, "{\"event\": {\"id\": \"x\", \"start\": \"2025-06-22T12:00:00\"}}");

        assertThat(run("validate", "--problem", problem.toString())).isEqualTo(1);
        assertThat(err()).contains("event.start");
    }

    @Test
    void wrongCommandLinesExitWithTwoAndSayWhy() {
        assertThat(run("solve")).isEqualTo(2);
        assertThat(err()).contains("--problem is required");
        assertThat(run("solve", "--problem", "x.json", "--strategy", "random")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'frobnicate'");
        assertThat(run("solve", "--problme", "x.json")).isEqualTo(2);
        assertThat(err()).contains("unknown option --problme");
    }

    @Test
    void aMissingFileExitsWithThree() {
        assertThat(run("validate", "--problem", dir.resolve("nope.json").toString())).isEqualTo(3);
        assertThat(err()).contains("no such file");
    }

    @Test
    void solveWritesAReportThatVerifies() throws IOException {
        var problem = write(booths().request("r1", "nos", EDIT_BOOTH).and()
                .request("r2", "bbc", EDIT_BOOTH).priority(1).document());
        var report = dir.resolve("out/report.json");

        assertThat(run("solve", "--problem", problem, "--report", report.toString(), "--seconds", "2")).isZero();

        var written = Json.mapper().readValue(report.toFile(), AllocationReport.class);
        assertThat(written.allocations()).singleElement().satisfies(allocation -> {
            assertThat(allocation.request()).isEqualTo("r2");
            assertThat(allocation.resource()).isEqualTo("EB-01");
        });
        assertThat(written.unassigned()).singleElement().satisfies(unassigned ->
                assertThat(unassigned.reasons()).anyMatch(reason -> reason.contains("r2 (bbc, weight 120)")));
        // One booth, two requests: leaving r1 (weight 60) out is the best possible, and the report says so.
        assertThat(written.bounds()).isEqualTo(new AllocationReport.Bounds(-60, true, 0.0));
        assertThat(err()).contains("proven best: no allocation serves more weight");
        assertThat(run("verify", "--problem", problem, "--report", report.toString())).isZero();
    }

    @Test
    void vansOfDecimalLengthsAreValidatedSolvedAndVerified() throws IOException {
        var problem = dir.resolve("decimal-metres.json");
        try (var document = CommandLineTest.class.getResourceAsStream("/decimal-metres.json")) {
            Files.copy(document, problem);
        }
        var report = dir.resolve("report.json");

        assertThat(run("validate", "--problem", problem.toString())).as(err()).isZero();
        assertThat(out()).contains("valid: 4 requests, 3 resources");
        assertThat(run("solve", "--problem", problem.toString(), "--report", report.toString(), "--seconds", "1"))
                .as(err()).isZero();
        var written = Json.mapper().readValue(report.toFile(), AllocationReport.class);
        assertThat(written.allocations()).extracting(AllocationReport.Allocation::request)
                .containsExactlyInAnyOrder("van-75", "ob-16", "booth");
        assertThat(run("verify", "--problem", problem.toString(), "--report", report.toString())).as(err()).isZero();
    }

    @Test
    void aLengthFinerThanACentimetreIsRefusedByValidate() throws IOException {
        var problem = dir.resolve("decimal-metres.json");
        try (var document = CommandLineTest.class.getResourceAsStream("/decimal-metres.json")) {
            Files.writeString(problem, new String(document.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"lengthMetres\": 7.5}", "\"lengthMetres\": 7.505}"));
        }

        assertThat(run("validate", "--problem", problem.toString())).isEqualTo(1);
        assertThat(err()).contains("requests[van-75].vehicle.lengthMetres", "7.505 m", "centimetre");
    }

    @Test
    void verifyRefusesAReportThatBreaksARule() throws IOException {
        var problem = write(booths().request("r1", "nos", EDIT_BOOTH).and()
                .request("r2", "bbc", EDIT_BOOTH).document());
        var report = dir.resolve("report.json");
        assertThat(run("solve", "--problem", problem, "--report", report.toString(), "--strategy", "fcfs")).isZero();
        var solved = Json.mapper().readValue(report.toFile(), AllocationReport.class);
        var first = solved.allocations().get(0);
        var doubleBooked = new AllocationReport(solved.event(), solved.round(), solved.status(), solved.strategy(),
                solved.score(), solved.solvingMillis(), java.util.List.of(first, new AllocationReport.Allocation(
                        "r2", "bbc", EDIT_BOOTH, "EB-01", first.start(), first.end(), false)),
                java.util.List.of(), solved.constraints(), null, solved.summary(), null, solved.bounds());
        Json.mapper().writeValue(report.toFile(), doubleBooked);

        assertThat(run("verify", "--problem", problem, "--report", report.toString())).isEqualTo(1);
        assertThat(err()).contains("differs from the recomputed", "break hard rules");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String write(ProblemDocument document) throws IOException {
        var file = dir.resolve("problem.json");
        Json.mapper().writeValue(file.toFile(), document);
        return file.toString();
    }
}
