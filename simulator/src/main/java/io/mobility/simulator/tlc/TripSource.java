package io.mobility.simulator.tlc;

/** Reads trips from one TLC file, one at a time; rows that cannot be read are reported, not thrown. */
public interface TripSource extends AutoCloseable {

    /** Receives each row: a trip, or why the row could not be read. */
    interface Visitor {
        void trip(TlcTrip trip);

        void malformed(MalformedRowException problem);
    }

    void forEach(Visitor visitor) throws java.io.IOException;

    @Override
    void close() throws java.io.IOException;
}
