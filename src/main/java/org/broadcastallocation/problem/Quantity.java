package org.broadcastallocation.problem;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A decimal number as a document writes it: a vehicle length or parking capacity in metres, or a room's capacity in
 * people. Kept exactly (never a binary floating point: 7.6 is 7.6, not 7.599999...), with trailing zeros dropped so
 * that 16, 16.0 and 16.00 are one value, written back as {@code 16}, and 7.50 is written {@code 7.5}.
 *
 * <p>Anything a JSON number can say is accepted here, so that {@link ProblemValidator} can name the field and say
 * what is wrong (too many decimals, out of range, a fraction of a person) along with every other violation. Once a
 * document is valid, the planning model compares {@link #hundredths()}: centimetres for lengths.
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

    /** Beyond this many digits before the point a value is refused anyway; it keeps its exponent (1E+999999999). */
    private static final int PLAIN_DIGITS = 20;

    public Quantity {
        Objects.requireNonNull(value, "value");
        value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (value.scale() < 0 && value.precision() - value.scale() <= PLAIN_DIGITS) {
            value = value.setScale(0);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Quantity of(BigDecimal value) {
        return new Quantity(value);
    }

    /** "7.5", "16". */
    public static Quantity of(String value) {
        return new Quantity(new BigDecimal(value));
    }

    public static Quantity of(long whole) {
        return new Quantity(BigDecimal.valueOf(whole));
    }

    /** 750 hundredths are 7.5 (metres, when they are centimetres). */
    public static Quantity ofHundredths(long hundredths) {
        return new Quantity(BigDecimal.valueOf(hundredths, 2));
    }

    @Override
    @JsonValue
    public BigDecimal value() {
        return value;
    }

    /** Digits after the point, as written without trailing zeros: 0 for 16.0, 1 for 7.50, 3 for 7.255. */
    public int decimals() {
        return Math.max(0, value.scale());
    }

    public boolean isWhole() {
        return decimals() == 0;
    }

    /**
     * The value in hundredths (centimetres of a length), exactly.
     *
     * @throws ArithmeticException for a value finer than a hundredth or out of int range: a document that is not
     *                             valid
     */
    public int hundredths() {
        return value.movePointRight(2).intValueExact();
    }

    /** @throws ArithmeticException for a fraction or a value out of int range: a document that is not valid */
    public int wholeNumber() {
        return value.intValueExact();
    }

    public boolean isBetween(int min, int max) {
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** As in JSON: "7.5", "16" (an absurd magnitude keeps its exponent, rather than a billion zeros). */
    @Override
    public String toString() {
        return value.toString();
    }
}
