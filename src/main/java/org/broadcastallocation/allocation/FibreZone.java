package org.broadcastallocation.allocation;

/** A zone of the site and the fibre links it has towards the van parking (hard rule 7). */
public record FibreZone(String id, int fibreLinks) {
}
