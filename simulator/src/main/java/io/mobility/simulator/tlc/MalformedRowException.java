package io.mobility.simulator.tlc;

/** A TLC row that cannot be read as a trip: which row, which column, why. */
public final class MalformedRowException extends Exception {

    public MalformedRowException(String where, String column, String why) {
        super(where + ": column " + column + ": " + why);
    }
}
