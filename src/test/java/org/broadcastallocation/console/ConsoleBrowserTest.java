package org.broadcastallocation.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ResourceType;

/**
 * The console in headless Chromium, as a planner uses it on the Hague sample: sign in, run a round to its end while
 * the score chart fills from the progress stream, read why a request got nothing and follow the requests it names to
 * the timeline, open an allocation, publish, download the CSV. Writes the README's screenshots.
 * Skipped where Chromium is not installed, unless {@code -Dbrowser.required=true} (CI) makes that a failure.
 */
@ServiceTest
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("docs/screenshots");
    /** What the console shows a signed-out user, what only a signed-in one, and the views behind the tabs. */
    private static final String[] SIGNED_OUT = {"signin", "signin-form", "signin-user", "signin-password"};
    private static final String[] SIGNED_IN = {"pickers", "event-pick", "round-pick", "tabs", "who", "who-name",
        "sign-out"};
    private static final String[] VIEWS = {"view-round", "view-timeline", "view-site", "view-conflicts",
        "view-organisation", "view-notifications", "view-exports", "view-hand"};

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @TempDir
    Path downloads;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!Boolean.getBoolean("browser.required")) {
            Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed");
        }
        assertThat(installed).as("Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER).isTrue();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1440,900");
        var preferences = new HashMap<String, Object>();
        preferences.put("download.default_directory", downloads.toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // A view that renders again replaces the element a wait just found: look again.
        wait.ignoring(StaleElementReferenceException.class);
        // A failed wait says what the console last told its user.
        wait.withMessage(() -> "the console said: " + byId("toast").getText());
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPlannerRunsARoundReadsItsConflictsPublishesAndDownloadsTheReport() throws Exception {
        String event = importHague("console-hague");
        signInAsPlannerAndPick(event);

        // A round with a short time limit, watched to its end: the chart fills from the progress stream.
        solveRoundToItsEnd();
        assertThat(browser.findElements(By.cssSelector("#score-chart path.line"))).hasSize(1);
        assertThat(byId("round-facts").getText()).contains("Served").containsPattern("\\d+ of 300 requests");
        screenshot("round.png");

        // Conflicts: an unassigned request and its reasons in words; the requests it names lead to the timeline.
        browser.findElement(By.cssSelector("#tabs a[data-view=conflicts]")).click();
        var rows = wait.until(page -> {
            var found = page.findElements(By.cssSelector("#unassigned tbody tr"));
            return found.isEmpty() ? null : found;
        });
        var first = rows.get(0);
        var reasons = first.findElements(By.cssSelector("ul.reasons li"));
        assertThat(reasons).isNotEmpty();
        assertThat(reasons.get(0).getText()).isNotBlank();
        assertThat(byId("comparison").getText()).contains("Requests served", "Weight left unserved");
        // However the round ended, its bound says how good it is: proven best, or at most how far from it.
        assertThat(byId("comparison").getText()).containsPattern(
                "Proven best: no allocation serves more weight|more unserved weight than the best possible");
        assertThat(browser.findElements(By.cssSelector("#rules details"))).isNotEmpty();
        screenshot("conflicts.png");

        var named = browser.findElements(By.cssSelector("#unassigned button.link[data-show]:not(.all)"));
        assertThat(named).as("some reason names the competing requests").isNotEmpty();
        String competitor = named.get(0).getAttribute("data-show");
        named.get(0).click();
        wait.until(page -> byId("view-timeline").isDisplayed());
        var marked = browser.findElements(By.cssSelector(".alloc.highlight"));
        assertThat(marked).isNotEmpty().allSatisfy(bar -> assertThat(bar.getAttribute("data-request"))
                .isEqualTo(competitor));
        wait.until(page -> byId("timeline-detail").getText().contains("Request " + competitor));

        // The timeline: a bar per allocation, grouped by type; a bar opens its request.
        var bars = browser.findElements(By.cssSelector("#timeline .alloc"));
        assertThat(bars).hasSizeGreaterThan(100);
        assertThat(byId("timeline").getText()).contains("Edit booths", "SNG parking", "OB parking");
        WebElement bar = browser.findElement(By.cssSelector("#timeline .tl-group .alloc"));
        String request = bar.getAttribute("data-request");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", bar);
        bar.click();
        wait.until(page -> byId("timeline-detail").getText().contains("Request " + request));
        assertThat(byId("timeline-detail").getText()).contains("Allocated");
        // The screenshot shows the slot bookings: stand-ups, live areas, the studios.
        browser.executeScript("const box = document.getElementById('timeline');"
                + "box.scrollTo(0, box.querySelector('[aria-label=\"Stand-ups indoor\"]').offsetTop - 24)");
        screenshot("timeline.png");

        // The site plan: an organisation with a van and a position at the same time, and the walk between them.
        String vanOwner = organisationWithVanAndPosition(event);
        browser.findElement(By.cssSelector("#tabs a[data-view=site]")).click();
        new Select(byId("site-org")).selectByValue(vanOwner);
        assertThat(browser.findElements(By.cssSelector("#site-plan path.walk"))).isNotEmpty();
        assertThat(byId("site-walks").getText()).containsPattern("\\d+ m");
        screenshot("site-plan.png");

        // The organisation: its requests, what this round gives it, its quota use.
        browser.findElement(By.cssSelector("#tabs a[data-view=organisation]")).click();
        new Select(byId("org-pick")).selectByValue(vanOwner);
        wait.until(page -> byId("org-detail").getText().contains("Quota use"));
        assertThat(byId("org-detail").getText()).contains("allocated", "Requests", "Confirmed bookings (.ics)");

        // Its jumps: to the timeline with its bars marked, to the site plan with its walks.
        browser.findElement(By.cssSelector("#org-detail button[data-action=timeline]")).click();
        wait.until(page -> byId("view-timeline").isDisplayed());
        assertThat(browser.findElements(By.cssSelector(".alloc.highlight"))).isNotEmpty()
                .allSatisfy(ours -> assertThat(ours.getAttribute("title")).contains(" · " + vanOwner + " · "));
        browser.findElement(By.cssSelector("#tabs a[data-view=site]")).click();
        new Select(byId("site-org")).selectByValue("");
        browser.findElement(By.cssSelector("#tabs a[data-view=organisation]")).click();
        browser.findElement(By.cssSelector("#org-detail button[data-action=site]")).click();
        wait.until(page -> byId("view-site").isDisplayed());
        assertThat(new Select(byId("site-org")).getFirstSelectedOption().getAttribute("value")).isEqualTo(vanOwner);
        assertThat(browser.findElements(By.cssSelector("#site-plan path.walk"))).isNotEmpty();

        // Publish: the round's allocations become pinned, and the timeline marks them.
        browser.findElement(By.cssSelector("#tabs a[data-view=round]")).click();
        byId("round-publish").click();
        wait.until(page -> byId("round-facts").getText().contains("PUBLISHED"));
        browser.findElement(By.cssSelector("#tabs a[data-view=timeline]")).click();
        wait.until(page -> !page.findElements(By.cssSelector("#timeline .alloc.pinned")).isEmpty());

        // The CSV of the report, downloaded with the signed-in credentials.
        browser.findElement(By.cssSelector("#tabs a[data-view=exports]")).click();
        byId("export-csv").click();
        Path csv = downloads.resolve(event + "-round-1.csv");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("request,organisation,type,outcome");
        assertThat(lines).hasSize(301);
        assertThat(byId("export-status").getText()).contains(event + "-round-1.csv");
    }

    @Test
    void aPlannerSeesAnOrganisationsEndpointsDeliveriesAndFeedAndMakesAFeed() {
        String event = "console-notify";
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", OrganisationKind.BROADCASTER)
                .resource("EB-01", ResourceType.EDIT_BOOTH, "EDIT", 0, 0, 2)
                .request("n-1", "nos", ResourceType.EDIT_BOOTH).document(), event);
        String nos = api.mintKey(event, "nos");
        String base = "/api/events/" + event;
        // TEST-NET-1: public, so allowed, and reaching nobody: the attempts fail and say so.
        assertThat(api.call(nos, "POST", base + "/webhooks", "{\"url\": \"https://192.0.2.1/hook\"}").status())
                .isEqualTo(201);
        assertThat(api.call(nos, "PUT", base + "/contacts", "{\"addresses\": [\"desk@nos.example\"]}").status())
                .isEqualTo(200);
        assertThat(api.call(ApiClient.PLANNER, "POST", base + "/requests/n-1/reject", "{\"reason\": \"late\"}")
                .status()).isEqualTo(200);

        signInAsPlannerAndPick(event);
        browser.findElement(By.cssSelector("#tabs a[data-view=notifications]")).click();
        new Select(byId("notify-org")).selectByValue("nos");
        wait.until(page -> byId("notify-endpoints").getText().contains("https://192.0.2.1/hook"));
        assertThat(byId("notify-contacts").getText()).contains("desk@nos.example", "e-mail is off");
        assertThat(byId("notify-deliveries").getText()).contains("request.rejected", "https://192.0.2.1/hook");
        assertThat(byId("notify-feeds").getText()).contains("No feed");

        browser.findElement(By.cssSelector("#notify-detail button[data-action=feed]")).click();
        wait.until(page -> byId("notify-feed-url").getText().startsWith("webcal://"));
        assertThat(byId("notify-feeds").getText()).startsWith("cal_");
        String feed = byId("notify-feed-url").getText().replaceFirst("^webcal://", "http://");
        assertThat(api.call(null, "GET", java.net.URI.create(feed).getPath(), null).body())
                .contains("BEGIN:VCALENDAR");
    }

    @Test
    void beforeSignInOnlyTheSignInFormShowsAndAfterItThePickersTheTabsAndSignOut() {
        browser.get("http://localhost:" + port + "/");
        assertShowsOnlyTheSignInForm();

        type("signin-user", "planner");
        type("signin-password", "planner-demo");
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(page -> byId("who-name").getText().contains("planner"));
        assertThat(displayed(SIGNED_IN)).as("shown once signed in").containsExactly(SIGNED_IN);
        assertThat(displayed(SIGNED_OUT)).as("shown once signed in").isEmpty();
        assertThat(displayed(VIEWS)).as("the views shown").containsExactly("view-round");

        // A reload keeps the tab signed in.
        browser.navigate().refresh();
        wait.until(page -> byId("tabs").isDisplayed());
        assertThat(displayed(SIGNED_IN)).as("shown after a reload").containsExactly(SIGNED_IN);
        assertThat(displayed(SIGNED_OUT)).as("shown after a reload").isEmpty();

        byId("sign-out").click();
        assertShowsOnlyTheSignInForm();
    }

    private void assertShowsOnlyTheSignInForm() {
        assertThat(displayed(SIGNED_OUT)).as("shown before sign-in").containsExactly(SIGNED_OUT);
        assertThat(displayed(SIGNED_IN)).as("shown before sign-in").isEmpty();
        assertThat(displayed(VIEWS)).as("the views shown before sign-in").isEmpty();
    }

    /** Those of the elements a user sees (Selenium's isDisplayed: rendered, not display:none, not zero-sized). */
    private List<String> displayed(String... ids) {
        return Stream.of(ids).filter(id -> byId(id).isDisplayed()).toList();
    }

    @Test
    void aPlannerTriesAWhatIfRoundWithAResourceClosedStopsItEarlyAndComparesItWithTheFirst() throws Exception {
        String event = importHague("console-what-if");
        signInAsPlannerAndPick(event);
        solveRoundToItsEnd();

        // The resource the first round used most is closed in the what-if round.
        var firstRound = report(event, 1);
        var uses = new HashMap<String, Integer>();
        firstRound.get("allocations").forEach(allocation -> uses.merge(allocation.get("resource").asText(), 1,
                Integer::sum));
        String closed = uses.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        // Given a long time limit, it is stopped once it has a best solution; it keeps that solution.
        type("new-seconds", "120");
        type("new-closed", closed);
        browser.findElement(By.cssSelector("#new-round button[type=submit]")).click();
        wait.until(page -> byId("round-facts").getText().contains("SOLVING") && byId("round-stop").isEnabled());
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(page -> round(event, 2).hasNonNull("score"));
        byId("round-stop").click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(page -> byId("round-facts").getText().contains("STOPPED"));
        assertThat(byId("round-stop").isEnabled()).isFalse();
        assertThat(byId("round-publish").isEnabled()).as("a stopped round can be published").isTrue();
        var whatIf = report(event, 2);
        assertThat(whatIf.get("allocations")).isNotEmpty()
                .noneSatisfy(allocation -> assertThat(allocation.get("resource").asText()).isEqualTo(closed));

        // Compared with the first round: every request the first placed on the closed resource is a change.
        browser.findElement(By.cssSelector("#tabs a[data-view=conflicts]")).click();
        wait.until(page -> !page.findElements(By.cssSelector("#diff-other option[value='1']")).isEmpty());
        new Select(byId("diff-other")).selectByValue("1");
        wait.until(page -> byId("diff").getText().contains("From round 2 to round 1"));
        var changes = browser.findElements(By.cssSelector("#diff tbody tr"));
        long onClosedInFirst = changes.stream().filter(row -> row.findElements(By.tagName("td")).get(2).getText()
                .startsWith(closed + " ")).count();
        assertThat(onClosedInFirst).isEqualTo(uses.get(closed).longValue());
        assertThat(changes).noneSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(1).getText())
                .startsWith(closed + " "));
    }

    @Test
    void aBroadcasterGetsACalendarAddressThatOpensWithoutTheKey() throws Exception {
        signInAsNos("console-feed", Fixture.hague().zone("EDIT", 8)
                .organisation("nos", OrganisationKind.BROADCASTER).document());
        byId("subscribe").click();
        wait.until(page -> byId("feed-url").getText().startsWith("webcal://"));
        String feed = byId("feed-url").getText().replaceFirst("^webcal://", "http://");
        var opened = new ApiClient(port).call(null, "GET", java.net.URI.create(feed).getPath(), null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("BEGIN:VCALENDAR", "X-WR-TIMEZONE:Europe/Amsterdam");
    }

    @Test
    void aBroadcasterSubmitsAmendsAndCancelsARequestWithTheirKey() throws Exception {
        String event = "console-desk";
        signInAsNos(event, Fixture.hague().zone("EDIT", 8).organisation("nos", OrganisationKind.BROADCASTER)
                .resource("EB-01", ResourceType.EDIT_BOOTH, "EDIT", 550, 0, 2).document());

        // A window off the 15-minute grain is refused, and the page says why.
        type("f-id", "desk-1");
        type("f-from", "2025-06-23T09:07:00+02:00");
        type("f-to", "2025-06-26T02:00:00+02:00");
        type("f-crew", "2");
        byId("f-submit").click();
        wait.until(page -> !byId("form-error").getText().isBlank());

        type("f-from", "2025-06-23T09:00:00+02:00");
        byId("f-submit").click();
        wait.until(page -> byId("requests").getText().contains("desk-1"));
        assertThat(byId("requests").getText()).contains("SUBMITTED");
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("broadcaster.png");

        browser.findElement(By.cssSelector("#requests button[data-edit='desk-1']")).click();
        assertThat(byId("form-title").getText()).isEqualTo("Amend desk-1");
        type("f-crew", "1");
        byId("f-submit").click();
        wait.until(page -> byId("form-title").getText().equals("New request"));
        var stored = json.readTree(planner(HttpMethod.GET, "/api/events/" + event + "/requests/desk-1", null)
                .getBody());
        assertThat(stored.get("crewSize").asInt()).isEqualTo(1);
        assertThat(stored.get("version").asInt()).isEqualTo(1);

        browser.findElement(By.cssSelector("#requests button[data-cancel='desk-1']")).click();
        browser.switchTo().alert().accept();
        wait.until(page -> byId("requests").getText().contains("CANCELLED"));
    }

    @Test
    void aBroadcasterAsksForParkingForA7Point5MetreVanAndSeesItBack() throws Exception {
        String event = "console-van";
        signInAsNos(event, Fixture.hague().zone("SNG_COMPOUND", 0).organisation("nos", OrganisationKind.BROADCASTER)
                .bay("SNG-01", ResourceType.PARKING_SNG, "SNG_COMPOUND", 0, 0, "7.5").document());

        type("f-id", "van-1");
        new Select(byId("f-type")).selectByValue("PARKING_SNG");
        type("f-from", "2025-06-22T12:00:00+02:00");
        type("f-to", "2025-06-26T02:00:00+02:00");
        new Select(byId("f-vehicle")).selectByVisibleText("SNG");
        type("f-length", "7.5");
        byId("f-submit").click();
        wait.until(page -> byId("requests").getText().contains("van-1"));

        var stored = json.readTree(planner(HttpMethod.GET, "/api/events/" + event + "/requests/van-1", null)
                .getBody());
        assertThat(stored.get("vehicle").get("lengthMetres").decimalValue()).isEqualByComparingTo("7.5");
        browser.findElement(By.cssSelector("#requests button[data-edit='van-1']")).click();
        assertThat(byId("f-length").getAttribute("value")).isEqualTo("7.5");
    }

    @Test
    void aPlannerPicksARequestSeesWhereItCouldGoAndPlacesItByHand() throws Exception {
        String event = "console-hand";
        var document = (ObjectNode) json.readTree(json.writeValueAsString(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", OrganisationKind.BROADCASTER).organisation("bbc", OrganisationKind.BROADCASTER)
                .organisation("cnn", OrganisationKind.BROADCASTER)
                .resource("EB-01", ResourceType.EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", ResourceType.EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", ResourceType.EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", ResourceType.EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", ResourceType.EDIT_BOOTH).crew(2).submittedMay(3).and().document()));
        ((ObjectNode) document.get("event")).put("id", event);
        assertThat(planner(HttpMethod.POST, "/api/events", document.toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        signInAsPlannerAndPick(event);
        type("new-seconds", "1");
        browser.findElement(By.cssSelector("#new-round button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(page -> byId("round-facts").getText().contains("SOLVED"));
        var first = report(event, 1);
        String left = first.get("unassigned").get(0).get("request").asText();
        var taken = first.get("allocations").get(0);

        browser.findElement(By.cssSelector("#tabs a[data-view=hand]")).click();
        assertThat(byId("fills").getText()).contains("No fills yet");
        new Select(byId("hand-request")).selectByValue(left);
        wait.until(page -> byId("hand-places").getText().contains("Nowhere"));
        assertThat(byId("hand-places").getText()).contains("taken");

        // The other request's booth freed by hand, the left-out one is recommended it, and placed there.
        new Select(byId("hand-request")).selectByValue(taken.get("request").asText());
        wait.until(page -> byId("hand-places").getText().contains("Now: " + taken.get("resource").asText()));
        byId("hand-unassign").click();
        wait.until(page -> byId("hand-answer").getText().contains("Score"));
        new Select(byId("hand-request")).selectByValue(left);
        By recommended = By.cssSelector("#hand-places button[data-resource='" + taken.get("resource").asText() + "']");
        wait.until(page -> !page.findElements(recommended).isEmpty());
        assertThat(byId("hand-places").getText()).contains("Serve requests +");
        browser.findElement(recommended).click();
        wait.until(page -> byId("toast").getText().contains(left + " placed by hand: "
                + taken.get("resource").asText()));
        wait.until(page -> byId("hand-answer").getText().contains("no hard rule broken"));

        var placed = report(event, 1).get("allocations");
        assertThat(placed).anySatisfy(allocation -> {
            assertThat(allocation.get("request").asText()).isEqualTo(left);
            assertThat(allocation.get("resource").asText()).isEqualTo(taken.get("resource").asText());
            assertThat(allocation.get("byHand").asBoolean()).isTrue();
        });
        assertThat(byId("round-solve").isEnabled()).as("a round changed by hand may be solved again").isTrue();
        browser.findElement(By.cssSelector("#tabs a[data-view=timeline]")).click();
        wait.until(page -> !page.findElements(By.cssSelector(".alloc[data-request='" + left
                + "'][title*='placed by hand']")).isEmpty());
    }

    @Test
    void aBroadcasterAcceptsThePlaceAFillOffersItOnItsPage() throws Exception {
        String event = "console-offer";
        signInAsNos(event, Fixture.hague().zone("EDIT", 8).organisation("nos", OrganisationKind.BROADCASTER)
                .organisation("bbc", OrganisationKind.BROADCASTER)
                .resource("EB-01", ResourceType.EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("bbc-1", "bbc", ResourceType.EDIT_BOOTH).crew(2).priority(1).and()
                .request("nos-1", "nos", ResourceType.EDIT_BOOTH).crew(2).priority(2).and().document());
        // Over the API: bbc-1 confirmed, nos-1 waitlisted; bbc cancels, and the fill is published.
        var api = new ApiClient(port);
        var rounds = "/api/events/" + event + "/rounds";
        assertThat(api.call("planner", "POST", rounds, "{}").status()).isEqualTo(201);
        assertThat(api.call("planner", "POST", rounds + "/1/solve?seconds=1", null).status()).isEqualTo(202);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(page -> round(event, 1).path("status").asText()
                .equals("SOLVED"));
        assertThat(api.call("planner", "POST", rounds + "/1/publish", null).status()).isEqualTo(200);
        assertThat(api.call(api.mintKey(event, "bbc"), "DELETE", "/api/events/" + event + "/requests/bbc-1", null)
                .status()).isEqualTo(200);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(page -> round(event, 2).path("status").asText()
                .equals("SOLVED"));
        assertThat(api.call("planner", "POST", rounds + "/2/publish", null).status()).isEqualTo(200);

        browser.navigate().refresh();
        By accept = By.cssSelector("#offers button[data-accept='nos-1']");
        wait.until(page -> !page.findElements(accept).isEmpty());
        assertThat(byId("offers").getText()).contains("EB-01");
        assertThat(byId("requests").getText()).contains("OFFERED");
        browser.findElement(accept).click();
        wait.until(page -> byId("requests").getText().contains("CONFIRMED"));
        assertThat(byId("confirmed").getText()).contains("EB-01").contains("nos-1");
        assertThat(byId("offers").getText()).contains("No offers");
    }

    private ResponseEntity<String> planner(HttpMethod method, String path, String body) {
        var headers = new HttpHeaders();
        headers.setBasicAuth("planner", "planner-demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Signs in as the planner and picks the event from the list. */
    private void signInAsPlannerAndPick(String event) {
        browser.get("http://localhost:" + port + "/");
        type("signin-user", "planner");
        type("signin-password", "planner-demo");
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(page -> byId("who-name").getText().contains("planner"));
        wait.until(page -> !page.findElements(By.cssSelector("#event-pick option[value='" + event + "']")).isEmpty());
        new Select(byId("event-pick")).selectByValue(event);
        wait.until(page -> byId("round-facts").getText().contains("none yet"));
    }

    /** A new round with a 5 s time limit, from the form, watched until it is solved. */
    private void solveRoundToItsEnd() {
        type("new-seconds", "5");
        browser.findElement(By.cssSelector("#new-round button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(page -> byId("round-facts").getText().contains("SOLVED"));
    }

    private JsonNode report(String event, int round) {
        return operator("/api/events/" + event + "/rounds/" + round + "/report");
    }

    private JsonNode round(String event, int round) {
        return operator("/api/events/" + event + "/rounds/" + round);
    }

    private JsonNode operator(String path) {
        var headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator-demo");
        try {
            return json.readTree(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class)
                    .getBody());
        } catch (IOException unreadable) {
            throw new AssertionError(path + " did not answer JSON", unreadable);
        }
    }

    /** From the report over HTTP: an organisation holding parking and, at an overlapping time, something else. */
    private String organisationWithVanAndPosition(String event) {
        var report = report(event, 1);
        for (var van : report.get("allocations")) {
            if (!van.get("type").asText().startsWith("PARKING")) {
                continue;
            }
            for (var position : report.get("allocations")) {
                if (position.get("organisation").equals(van.get("organisation"))
                        && !position.get("type").asText().startsWith("PARKING")
                        && OffsetDateTime.parse(position.get("start").asText())
                                .isBefore(OffsetDateTime.parse(van.get("end").asText()))
                        && OffsetDateTime.parse(van.get("start").asText())
                                .isBefore(OffsetDateTime.parse(position.get("end").asText()))) {
                    return van.get("organisation").asText();
                }
            }
        }
        throw new AssertionError("no organisation with a van and a position in round 1");
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** Imports the document as the event, mints nos's key and signs in with it on the broadcaster's page. */
    private void signInAsNos(String event, ProblemDocument document) throws Exception {
        var body = (ObjectNode) json.readTree(json.writeValueAsString(document));
        ((ObjectNode) body.get("event")).put("id", event);
        assertThat(planner(HttpMethod.POST, "/api/events", body.toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String key = json.readTree(planner(HttpMethod.POST, "/api/events/" + event + "/organisations/nos/keys", null)
                .getBody()).get("key").asText();
        browser.get("http://localhost:" + port + "/broadcaster.html");
        assertThat(displayed("signin", "who", "sign-out", "desk")).as("shown before sign-in")
                .containsExactly("signin");
        type("key", key);
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(page -> byId("who-name").getText().contains("nos at " + event));
        assertThat(displayed("signin", "who", "sign-out", "desk")).as("shown once signed in")
                .containsExactly("who", "sign-out", "desk");
    }

    private void type(String id, String text) {
        var field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        browser.executeScript("document.getElementById('toast').textContent = ''");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String importHague(String event) throws IOException {
        var document = (ObjectNode) json.readTree(Files.readString(Path.of("data-samples/hague-2025.json")));
        ((ObjectNode) document.get("event")).put("id", event);
        assertThat(planner(HttpMethod.POST, "/api/events", document.toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return event;
    }
}
