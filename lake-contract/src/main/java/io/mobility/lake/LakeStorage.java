package io.mobility.lake;

import java.util.Optional;

/**
 * The few file operations the lake's small files need, on paths or URIs as strings. The batch layer implements them
 * over Hadoop's file systems (a local path, hdfs://, s3a://), the service and tests over the local disk
 * ({@link LocalLakeStorage}).
 */
public interface LakeStorage {

    boolean exists(String path);

    /** The file's text, or empty when it does not exist. */
    Optional<String> readText(String path);

    /** Writes a file that no reader follows yet (inside a directory still to be published). */
    void write(String path, byte[] content);

    /** Replaces a file so that a reader sees the old content or the new, never half of one. */
    void writeAtomically(String path, byte[] content);

    void deleteRecursively(String path);

    /** Renames a completely written directory to its final name, refusing a name already taken. */
    void publishDirectory(String written, String target);
}
