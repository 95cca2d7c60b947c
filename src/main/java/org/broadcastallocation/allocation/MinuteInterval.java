package org.broadcastallocation.allocation;

/** Half-open {@code [from, to)} in minutes from the event start. */
public record MinuteInterval(int from, int to) {

    public boolean overlaps(int otherFrom, int otherTo) {
        return from < otherTo && otherFrom < to;
    }
}
