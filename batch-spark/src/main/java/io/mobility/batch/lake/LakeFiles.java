package io.mobility.batch.lake;

import io.mobility.lake.LakeStorage;
import io.mobility.lake.LocalLakeStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files of the lake (the model registry, the feature and monitoring snapshots, charts) through Hadoop's file
 * systems: the batch layer's {@link LakeStorage}, so that a lake on s3a:// or hdfs:// works as well as a local one.
 *
 * <p>Atomic replacement is what the file system offers: POSIX rename on a local disk and HDFS; on S3 (s3a) a rename is
 * a copy then a delete, so a reader can briefly find the target missing (between delete and copy) — never half a
 * file, since S3 writes an object whole on close.
 */
public final class LakeFiles implements LakeStorage {

    private final Configuration conf;

    public LakeFiles(Configuration conf) {
        this.conf = conf;
    }

    public static LakeFiles of(org.apache.spark.sql.SparkSession spark) {
        return new LakeFiles(spark.sparkContext().hadoopConfiguration());
    }

    @Override
    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + path, e);
        }
    }

    /** Writes a file that no reader follows yet (inside a directory still to be published). */
    @Override
    public void write(String path, byte[] content) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            java.nio.file.Path local = local(fs, p);
            if (local != null) {
                Files.createDirectories(local.getParent());
                Files.write(local, content);
                return;
            }
            try (OutputStream out = fs.create(p, true)) {
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public void deleteRecursively(String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(conf).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * Renames a completely written directory to its final name, refusing a name already taken (Hadoop would move
     * the directory inside it). One step on a local disk and HDFS; on S3 a copy of each file, then the deletes.
     */
    @Override
    public void publishDirectory(String written, String target) {
        try {
            Path from = new Path(written);
            Path to = new Path(target);
            FileSystem fs = to.getFileSystem(conf);
            if (fs.exists(to)) {
                throw new IllegalStateException("cannot publish " + written + ": " + target + " already exists");
            }
            if (!fs.rename(from, to)) {
                throw new IOException("rename " + from + " -> " + to + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + written + " to " + target, e);
        }
    }

    /** The file's text, or empty when it does not exist. */
    @Override
    public Optional<String> readText(String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(p)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Writes to a temporary sibling, then renames it over the target, so that a reader (the inference service)
     * sees the old file or the new one, never half of one.
     */
    @Override
    public void writeAtomically(String path, byte[] content) {
        try {
            Path target = new Path(path);
            Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            FileSystem fs = target.getFileSystem(conf);
            java.nio.file.Path local = local(fs, target);
            if (local != null) {
                // POSIX rename replaces the target in one step; Hadoop's local rename refuses an existing target
                // (and its checksummed local file system would leave .crc files beside the service's files).
                LocalLakeStorage.replace(local, content);
            } else {
                fs.mkdirs(target.getParent());
                try (OutputStream out = fs.create(temp, true)) {
                    out.write(content);
                }
                fs.delete(target, false);
                if (!fs.rename(temp, target)) {
                    throw new IOException("rename " + temp + " -> " + target + " failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The local file behind {@code p}, or null when {@code fs} is not the local file system. */
    private static java.nio.file.Path local(FileSystem fs, Path p) {
        URI uri = fs.makeQualified(p).toUri();
        return "file".equals(uri.getScheme()) ? java.nio.file.Path.of(uri) : null;
    }
}
