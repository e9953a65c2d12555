package io.mobility.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta log writes to a local or mounted POSIX file system ({@code file:} paths) whose "create only if absent" holds
 * between threads and processes. Delta's default for {@code file:} (HDFSLogStore) renames a temporary file through
 * Hadoop's local file system, which checks that the target is absent and then renames over it: two writers
 * committing the same version of one table can both pass the check, and the later rename silently replaces the
 * earlier commit (the sink's integration test caught it as a checksum error on {@code 00000000000000000000.json}, two
 * tasks creating one table). Here a commit file is written in full under a temporary name, then hard-linked to its
 * version's name: {@code link(2)} fails if the name exists, atomically, so exactly one writer gets each version and no
 * reader ever sees a partial file. Every writer of a lake must use it: the sink registers it as
 * {@code delta.logStore.file.impl}, the Spark jobs as {@code spark.delta.logStore.file.impl} (docs/delta-sink.md).
 */
public final class PosixLogStore extends HadoopFileSystemLogStore {

    public PosixLogStore(Configuration initHadoopConf) {
        super(initHadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
            throws IOException {
        java.nio.file.Path target = Paths.get(path.toUri());
        java.nio.file.Path directory = target.getParent();
        Files.createDirectories(directory);
        java.nio.file.Path temp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (actions.hasNext()) {
                content.write((actions.next() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.toByteArray());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Delta retries the commit at the next version when it sees this exception.
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    throw new FileAlreadyExistsException(path.toString());
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * True, as for HDFS: not about this store's commit files (never partial) but about the file system, which Delta
     * asks before writing a checkpoint itself. A visible partial write makes it write the checkpoint under a
     * temporary name and rename it, so a task reading the table never reads a checkpoint another is still writing.
     */
    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return true;
    }
}
