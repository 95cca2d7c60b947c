package org.broadcastallocation.allocation;

import org.broadcastallocation.problem.Quantity;

/**
 * Vehicle lengths and parking capacities in the planning model: whole centimetres, so that the capacity rule compares
 * integers (a 7.5 m van fits a 7.5 m bay exactly, a 7.6 m one does not; no floating point rounding either way).
 */
public final class Centimetres {

    private Centimetres() {
    }

    /** @return null for null; the metres of a valid document are to the centimetre */
    public static Integer of(Quantity metres) {
        return metres == null ? null : metres.hundredths();
    }

    /** 750 is "7.5 m", 1600 is "16 m": as the document writes it. */
    public static String asMetres(int centimetres) {
        return Quantity.ofHundredths(centimetres) + " m";
    }
}
