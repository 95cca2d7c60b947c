package org.broadcastallocation.problem;

public enum OrganisationKind {
    HOST_BROADCASTER, NATIONAL_DELEGATION, BROADCASTER, NEWS_AGENCY, RADIO
}
