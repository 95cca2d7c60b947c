package org.broadcastallocation.samples;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.ProblemDocument.Organisation;
import org.broadcastallocation.problem.ProblemDocument.Request;
import org.broadcastallocation.problem.ProblemDocument.Resource;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/**
 * Realistic instances after the NATO Summit in The Hague (24-25 June 2025), from the host's media advisory: its
 * calendar and opening hours, access days for vans, walking distances from the van compound, scarce fibre, the
 * studio for delegations. The same arguments always give the same document. At scale 1 with about 300 requests,
 * demand is 1.3 to 2 times supply for booths, stand-ups and parking; {@code scale} multiplies the site and the
 * organisations, so 3,000 requests at scale 10 keep the same tension.
 *
 * <p>About 360 lines, most of them the advisory's tables (organisations, shares of demand, the site): the tables and
 * the recipe that draws from them are read together to see the tension they make, so they stay in one file.
 */
public final class InstanceGenerator {

    private static final String DAY = "2025-06-%02dT%s:00+02:00";
    private static final OffsetDateTime EVENT_START = at(22, "12:00");
    private static final OffsetDateTime EVENT_END = at(26, "02:00");

    /** Shares of the requests by type, and how many resources of each a scale-1 site has. */
    private static final Map<ResourceType, Integer> PERCENT = new EnumMap<>(Map.of(
            ResourceType.EDIT_BOOTH, 16, ResourceType.STANDUP_OUTDOOR, 28, ResourceType.STANDUP_INDOOR, 16,
            ResourceType.LIVE_AREA, 10, ResourceType.TV_STUDIO, 8, ResourceType.ONLINE_STUDIO, 5,
            ResourceType.PARKING_SNG, 12, ResourceType.PARKING_OB, 5));
    private static final Map<ResourceType, Integer> SITE = new EnumMap<>(Map.of(
            ResourceType.EDIT_BOOTH, 22, ResourceType.STANDUP_OUTDOOR, 10, ResourceType.STANDUP_INDOOR, 5,
            ResourceType.LIVE_AREA, 10, ResourceType.TV_STUDIO, 1, ResourceType.ONLINE_STUDIO, 1,
            ResourceType.PARKING_SNG, 20, ResourceType.PARKING_OB, 8));

    /** Broadcasters of the summit: id, name, country, and how much they ask for (1 small to 4 big). */
    private static final String[][] BROADCASTERS = {
            {"bbc", "BBC", "GB", "4"}, {"cnn", "CNN", "US", "4"}, {"ard", "ARD", "DE", "4"}, {"zdf", "ZDF", "DE", "3"},
            {"francetv", "France Televisions", "FR", "3"}, {"rai", "RAI", "IT", "3"}, {"nbc", "NBC News", "US", "3"},
            {"sky", "Sky News", "GB", "3"}, {"itv", "ITV News", "GB", "2"}, {"tf1", "TF1", "FR", "2"},
            {"rtve", "RTVE", "ES", "2"}, {"tvp", "TVP", "PL", "2"}, {"trt", "TRT World", "TR", "2"},
            {"cbc", "CBC", "CA", "2"}, {"fox", "Fox News", "US", "2"}, {"abc-us", "ABC News", "US", "2"},
            {"cbs", "CBS News", "US", "2"}, {"aljazeera", "Al Jazeera", "QA", "2"}, {"nhk", "NHK", "JP", "2"},
            {"euronews", "Euronews", "FR", "2"}, {"rtl", "RTL Nieuws", "NL", "2"}, {"vrt", "VRT", "BE", "1"},
            {"rtbf", "RTBF", "BE", "1"}, {"dr", "DR", "DK", "1"}, {"nrk", "NRK", "NO", "1"},
            {"svt", "SVT", "SE", "1"}, {"yle", "Yle", "FI", "1"}, {"ct", "Ceska televize", "CZ", "1"},
            {"rtp", "RTP", "PT", "1"}, {"ert", "ERT", "GR", "1"}};
    private static final String[][] AGENCIES = {
            {"reuters", "Reuters", "GB", "4"}, {"ap", "Associated Press", "US", "4"}, {"afp", "AFP", "FR", "3"},
            {"dpa", "dpa", "DE", "2"}, {"anp", "ANP", "NL", "2"}};
    private static final String[][] RADIO = {
            {"npo-radio", "NPO Radio 1", "NL", "2"}, {"rfi", "RFI", "FR", "1"}, {"dlf", "Deutschlandfunk", "DE", "1"},
            {"bbc-ws", "BBC World Service", "GB", "2"}};
    private static final String[][] DELEGATIONS = {
            {"del-nl", "Netherlands delegation", "NL", "3"}, {"del-us", "United States delegation", "US", "3"},
            {"del-gb", "United Kingdom delegation", "GB", "2"}, {"del-fr", "France delegation", "FR", "2"},
            {"del-de", "Germany delegation", "DE", "2"}, {"del-it", "Italy delegation", "IT", "2"},
            {"del-pl", "Poland delegation", "PL", "2"}, {"del-tr", "Turkey delegation", "TR", "1"},
            {"del-ca", "Canada delegation", "CA", "1"}, {"del-es", "Spain delegation", "ES", "1"}};

    private final Random random;
    private final double scale;
    private final List<Org> organisations = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();

    private record Org(Organisation organisation, int size, LocalDate firstSubmission) {
    }

    private InstanceGenerator(long seed, double scale) {
        this.random = new Random(seed);
        this.scale = scale;
    }

    public static ProblemDocument generate(int requests, long seed, double scale) {
        return new InstanceGenerator(seed, scale).document(requests);
    }

    private ProblemDocument document(int requestCount) {
        var event = new ProblemDocument.Event(scale == 1.0 ? "hague-2025" : "hague-2025-x" + format(scale),
                "NATO Summit The Hague 2025" + (scale == 1.0 ? "" : " (x" + format(scale) + ")"),
                "Europe/Amsterdam", EVENT_START, EVENT_END, OffsetDateTime.parse("2025-06-06T23:59:00+02:00"),
                List.of(new Interval(at(22, "12:00"), at(22, "18:00")), new Interval(at(23, "09:00"), at(23, "20:00")),
                        new Interval(at(24, "07:00"), at(26, "02:00"))),
                List.of(LocalDate.of(2025, 6, 22), LocalDate.of(2025, 6, 23)), false,
                new EnumMap<>(Map.of(ResourceType.EDIT_BOOTH, 2, ResourceType.STANDUP_OUTDOOR, 1,
                        ResourceType.STANDUP_INDOOR, 1, ResourceType.LIVE_AREA, 1, ResourceType.PARKING_SNG, 1,
                        ResourceType.PARKING_OB, 1)),
                null);
        int copies = Math.max(1, (int) Math.ceil(scale));
        var zones = List.of(new ProblemDocument.Zone("EDIT", scaled(8)), new ProblemDocument.Zone("INDOOR", scaled(3)),
                new ProblemDocument.Zone("OUTDOOR", 0), new ProblemDocument.Zone("LIVE", scaled(4)),
                new ProblemDocument.Zone("STUDIO", scaled(2)), new ProblemDocument.Zone("SNG_COMPOUND", 0));
        organisations(copies);
        site();
        var requests = new ArrayList<Request>();
        var counts = new EnumMap<ResourceType, Integer>(ResourceType.class);
        PERCENT.forEach((type, percent) -> counts.put(type, (int) Math.round(requestCount * percent / 100.0)));
        int missing = requestCount - counts.values().stream().mapToInt(Integer::intValue).sum();
        counts.merge(ResourceType.STANDUP_OUTDOOR, missing, Integer::sum);
        var perOrganisation = new HashMap<String, Integer>();
        for (ResourceType type : ResourceType.values()) {
            for (int i = 0; i < counts.get(type); i++) {
                var org = pick(type);
                int n = perOrganisation.merge(org.organisation().id(), 1, Integer::sum);
                requests.add(request(org, n, type));
            }
        }
        requests.sort(Request.BY_SUBMISSION);
        return new ProblemDocument(event, zones, organisations.stream().map(Org::organisation).toList(), resources,
                requests, List.of(), List.of());
    }

    private void organisations(int copies) {
        for (int copy = 1; copy <= copies; copy++) {
            String suffix = copy == 1 ? "" : "-" + copy;
            add(new String[] {"nos", "NOS (host broadcaster)", "NL", "4"}, OrganisationKind.HOST_BROADCASTER, suffix);
            for (String[] row : DELEGATIONS) {
                add(row, OrganisationKind.NATIONAL_DELEGATION, suffix);
            }
            for (String[] row : BROADCASTERS) {
                add(row, OrganisationKind.BROADCASTER, suffix);
            }
            for (String[] row : AGENCIES) {
                add(row, OrganisationKind.NEWS_AGENCY, suffix);
            }
            for (String[] row : RADIO) {
                add(row, OrganisationKind.RADIO, suffix);
            }
        }
    }

    /** Big organisations start booking weeks ahead; small ones close to the deadline. */
    private void add(String[] row, OrganisationKind kind, String suffix) {
        int size = Integer.parseInt(row[3]);
        int earliestDay = switch (size) {
            case 4 -> 0;
            case 3 -> 7;
            case 2 -> 14;
            default -> 24;
        };
        var first = LocalDate.of(2025, 4, 25).plusDays(earliestDay + random.nextInt(7));
        organisations.add(new Org(new Organisation(row[0] + suffix, row[1] + (suffix.isEmpty() ? "" : " " + suffix),
                kind, row[2]), size, first));
    }

    /**
     * The site, in metres from the SNG/OB van compound: outdoor stand-ups about 600 m away, indoor ones 450 m, booths
     * and indoor live areas 550 m, OB parking 170 m further back than SNG parking.
     */
    private void site() {
        for (ResourceType type : ResourceType.values()) {
            int count = Math.max(1, (int) Math.round(SITE.get(type) * scale));
            for (int i = 0; i < count; i++) {
                resources.add(resource(type, i));
            }
        }
    }

    private Resource resource(ResourceType type, int i) {
        String id = prefix(type) + "-%02d".formatted(i + 1);
        int row = i / 10;
        int offset = (i % 10) * 6 + row * 25;
        return switch (type) {
            case EDIT_BOOTH -> new Resource(id, type, "EDIT", 550, offset,
                    people(i % 11 == 3 ? 4 : (i % 11 == 7 ? 3 : 2)), features("FIBRE", "LOCKABLE"), List.of());
            case STANDUP_INDOOR -> new Resource(id, type, "INDOOR", 450, offset, people(3),
                    features("FILING_AREA_VIEW"), List.of());
            case STANDUP_OUTDOOR -> new Resource(id, type, "OUTDOOR", 600 + (i % 10) * 8, row * 30, people(4),
                    i % 10 < 6 ? features("VENUE_VIEW", "CANOPY") : features("CANOPY"), List.of());
            case LIVE_AREA -> new Resource(id, type, "LIVE", 520, 40 + offset, people(i % 3 == 0 ? 10 : 6),
                    features("BACKDROP"), List.of());
            case TV_STUDIO -> new Resource(id, type, "STUDIO", 500, 120 + i * 20, people(8),
                    features("LIVE_TRANSMISSION"), List.of());
            case ONLINE_STUDIO -> new Resource(id, type, "STUDIO", 500, 160 + i * 20, people(4), features("STREAMING"),
                    List.of());
            case PARKING_SNG -> new Resource(id, type, "SNG_COMPOUND", (i % 2) * 12, (i / 2) * 14, metres(9 + (i % 4)),
                    features("CEE_POWER"), List.of());
            case PARKING_OB -> new Resource(id, type, "SNG_COMPOUND", -170, (i / 2) * 24, metres(16 + (i % 3) * 2),
                    features("CEE_POWER"), List.of());
        };
    }

    /** A requester for the type: the studio is for delegations and the host, parking for those with vans. */
    private Org pick(ResourceType type) {
        var eligible = new ArrayList<Org>();
        int total = 0;
        for (Org org : organisations) {
            var kind = org.organisation().kind();
            boolean fits = switch (type) {
                case TV_STUDIO -> kind == OrganisationKind.NATIONAL_DELEGATION || kind == OrganisationKind.HOST_BROADCASTER;
                case ONLINE_STUDIO -> kind != OrganisationKind.RADIO;
                case PARKING_SNG, PARKING_OB, LIVE_AREA, STANDUP_OUTDOOR ->
                        kind == OrganisationKind.BROADCASTER || kind == OrganisationKind.HOST_BROADCASTER
                                || (type == ResourceType.PARKING_SNG && kind == OrganisationKind.NEWS_AGENCY);
                case EDIT_BOOTH, STANDUP_INDOOR -> kind != OrganisationKind.NATIONAL_DELEGATION;
            };
            if (fits) {
                eligible.add(org);
                total += weight(org);
            }
        }
        int ticket = random.nextInt(total);
        for (Org org : eligible) {
            ticket -= weight(org);
            if (ticket < 0) {
                return org;
            }
        }
        return eligible.get(eligible.size() - 1);
    }

    /** Big organisations ask for much more than small ones: the squared size. */
    private static int weight(Org org) {
        return org.size() * org.size();
    }

    private Request request(Org org, int nth, ResourceType type) {
        String id = org.organisation().id() + "-" + nth;
        String organisation = org.organisation().id();
        // Each organisation's requests come in over the weeks after its first one, until the deadline.
        var submitted = org.firstSubmission().atTime(8 + random.nextInt(10), 15 * random.nextInt(4))
                .atOffset(EVENT_START.getOffset()).plusDays(random.nextInt(10) + nth / 2);
        var deadline = OffsetDateTime.parse("2025-06-06T23:00:00+02:00");
        if (submitted.isAfter(deadline)) {
            submitted = deadline.minusMinutes(15L * random.nextInt(200));
        }
        int priority = random.nextInt(100) < 15 ? 1 : (random.nextInt(100) < 88 ? 2 : 3);
        Set<String> required = Set.of();
        Set<String> preferred = Set.of();
        Integer crew = null;
        Integer duration = null;
        OffsetDateTime preferredStart = null;
        ProblemDocument.Vehicle vehicle = null;
        boolean fibre = false;
        Interval window;
        switch (type) {
            case EDIT_BOOTH -> {
                window = random.nextInt(3) == 0 ? new Interval(at(24, "07:00"), EVENT_END)
                        : new Interval(at(random.nextInt(4) == 0 ? 22 : 23, random.nextBoolean() ? "12:00" : "14:00"),
                                EVENT_END);
                crew = random.nextInt(20) == 0 ? 4 : 1 + random.nextInt(2);
                fibre = random.nextBoolean();
            }
            case STANDUP_OUTDOOR, STANDUP_INDOOR -> {
                crew = 2 + random.nextInt(type == ResourceType.STANDUP_OUTDOOR ? 3 : 2);
                if (random.nextInt(100) < 40) {
                    window = dedicatedDays();
                } else {
                    int day = 24 + random.nextInt(2);
                    int startHour = 7 + random.nextInt(12);
                    int hours = 2 + random.nextInt(4);
                    window = new Interval(at(day, "%02d:00".formatted(startHour)),
                            at(day, "%02d:00".formatted(Math.min(23, startHour + hours))));
                    duration = 30 + 15 * random.nextInt(5);
                    preferredStart = window.from().plusMinutes(15L * random.nextInt(4));
                }
                if (type == ResourceType.STANDUP_OUTDOOR) {
                    required = random.nextInt(100) < 30 ? Set.of("VENUE_VIEW") : Set.of();
                    preferred = random.nextInt(100) < 40 ? Set.of("VENUE_VIEW") : Set.of();
                } else {
                    fibre = random.nextInt(100) < 40;
                }
            }
            case LIVE_AREA -> {
                window = dedicatedDays();
                crew = 3 + random.nextInt(6);
            }
            case TV_STUDIO -> {
                // The leaders' engagements: two blocks a day.
                String[][] blocks = {{"24", "10:00", "13:00"}, {"24", "14:00", "17:00"}, {"25", "09:00", "12:00"},
                        {"25", "13:00", "16:00"}};
                String[] block = blocks[random.nextInt(blocks.length)];
                window = new Interval(at(Integer.parseInt(block[0]), block[1]), at(Integer.parseInt(block[0]),
                        block[2]));
                duration = 30 + 15 * random.nextInt(3);
                preferredStart = window.from().plusMinutes(30L * random.nextInt(4));
                crew = 2 + random.nextInt(6);
            }
            case ONLINE_STUDIO -> {
                int day = 24 + random.nextInt(2);
                int startHour = 8 + random.nextInt(9);
                window = new Interval(at(day, "%02d:00".formatted(startHour)), at(day, "%02d:00".formatted(startHour + 4)));
                duration = 30 + 15 * random.nextInt(3);
                crew = 1 + random.nextInt(3);
            }
            case PARKING_SNG, PARKING_OB -> {
                String[] arrivals = {"22|12:00", "22|15:00", "23|09:00", "23|13:00"};
                String[] arrival = arrivals[random.nextInt(arrivals.length)].split("\\|");
                window = new Interval(at(Integer.parseInt(arrival[0]), arrival[1]), EVENT_END);
                vehicle = type == ResourceType.PARKING_OB
                        ? new ProblemDocument.Vehicle(VehicleKind.OB, metres(14 + random.nextInt(6)))
                        : new ProblemDocument.Vehicle(VehicleKind.SNG, metres(7 + random.nextInt(5)));
            }
            default -> throw new IllegalStateException(type.name());
        }
        return new Request(id, organisation, type, window, duration, crew, vehicle, required, preferred,
                preferredStart, fibre, priority, submitted);
    }

    /** A dedicated position: one summit day, the other, or both. */
    private Interval dedicatedDays() {
        return switch (random.nextInt(3)) {
            case 0 -> new Interval(at(24, "07:00"), at(25, "07:00"));
            case 1 -> new Interval(at(25, "07:00"), EVENT_END);
            default -> new Interval(at(24, "07:00"), EVENT_END);
        };
    }

    private int scaled(int links) {
        return Math.max(1, (int) Math.round(links * scale));
    }

    private static Quantity people(int count) {
        return Quantity.of(count);
    }

    /**
     * Whole metres, as the Hague sample was first drawn: decimal lengths are welcome in documents, but a different
     * draw would change the sample and every result measured on it.
     */
    private static Quantity metres(int whole) {
        return Quantity.of(whole);
    }

    private static Set<String> features(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static String prefix(ResourceType type) {
        return switch (type) {
            case EDIT_BOOTH -> "EB";
            case STANDUP_INDOOR -> "SI";
            case STANDUP_OUTDOOR -> "SO";
            case LIVE_AREA -> "LA";
            case TV_STUDIO -> "TV";
            case ONLINE_STUDIO -> "OS";
            case PARKING_SNG -> "SNG";
            case PARKING_OB -> "OB";
        };
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static OffsetDateTime at(int day, String time) {
        return OffsetDateTime.parse(DAY.formatted(day, time));
    }
}
