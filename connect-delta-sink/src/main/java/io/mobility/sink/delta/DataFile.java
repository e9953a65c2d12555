package io.mobility.sink.delta;

import java.util.Map;

/**
 * A finished data file, not yet committed.
 *
 * @param path path relative to the table root, URI-encoded as the Delta log stores it
 * @param stats the Delta statistics JSON (numRecords, minValues, maxValues, nullCount)
 */
public record DataFile(
        String path,
        Map<String, String> partitionValues,
        long size,
        long modificationTime,
        long records,
        String stats) {}
