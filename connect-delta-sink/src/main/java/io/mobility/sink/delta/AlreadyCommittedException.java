package io.mobility.sink.delta;

import java.util.Map;

/** Some offsets of a commit were already committed to the table by another writer; nothing was committed. */
public class AlreadyCommittedException extends Exception {

    private final Map<String, Long> committedVersions;

    public AlreadyCommittedException(String table, Map<String, Long> committedVersions) {
        super("Table " + table + " already holds offsets of this commit (transaction id -> last committed offset: "
                + committedVersions + "); another writer landed them");
        this.committedVersions = Map.copyOf(committedVersions);
    }

    /** Transaction id to the last offset the table already holds, for every id of the commit. */
    public Map<String, Long> committedVersions() {
        return committedVersions;
    }
}
