package io.mobility.batch.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files of the lake (model metadata, the monitoring snapshot, charts) through Hadoop's file systems, so that a
 * lake on s3a:// works as well as a local one.
 */
public final class LakeFiles {

    private final Configuration conf;

    public LakeFiles(Configuration conf) {
        this.conf = conf;
    }

    /** The file's text, or empty when it does not exist. */
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
    public void writeAtomically(String path, byte[] content) {
        try {
            Path target = new Path(path);
            Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            FileSystem fs = target.getFileSystem(conf);
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(temp, true)) {
                out.write(content);
            }
            URI uri = fs.makeQualified(target).toUri();
            if ("file".equals(uri.getScheme())) {
                // POSIX rename replaces the target in one step; Hadoop's local rename refuses an existing target.
                Files.move(java.nio.file.Path.of(fs.makeQualified(temp).toUri()), java.nio.file.Path.of(uri),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                fs.delete(target, false);
                if (!fs.rename(temp, target)) {
                    throw new IOException("rename " + temp + " -> " + target + " failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
