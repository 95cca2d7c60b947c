package org.broadcastallocation.problem;

/** What a resource is; a request asks for exactly one type. */
public enum ResourceType {
    EDIT_BOOTH("edit booth", "edit booths", false),
    STANDUP_INDOOR("indoor stand-up position", "indoor stand-up positions", false),
    STANDUP_OUTDOOR("outdoor stand-up position", "outdoor stand-up positions", false),
    LIVE_AREA("live area", "live areas", false),
    TV_STUDIO("TV studio", "TV studios", false),
    ONLINE_STUDIO("online studio", "online studios", false),
    PARKING_SNG("SNG parking space", "SNG parking spaces", true),
    PARKING_OB("OB parking space", "OB parking spaces", true);

    private final String singular;
    private final String plural;
    private final boolean parking;

    ResourceType(String singular, String plural, boolean parking) {
        this.singular = singular;
        this.plural = plural;
        this.parking = parking;
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    /** Parking capacity is metres of vehicle length; everything else counts people. */
    public boolean isParking() {
        return parking;
    }

    /** Hard rule 6: the TV studio is for the leaders' engagements, booked by delegations and the host. */
    public boolean admits(OrganisationKind kind) {
        return this != TV_STUDIO || kind == OrganisationKind.NATIONAL_DELEGATION || kind == OrganisationKind.HOST_BROADCASTER;
    }
}
