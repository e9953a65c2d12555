package io.mobility.demo.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Installs the Delta sink's plugin zip into a directory of the worker's {@code plugin.path}, as a user would. */
public final class SinkPlugin {

    private SinkPlugin() {}

    /**
     * Unzips {@code connect-delta-sink/target/*-plugin.zip} into {@code <pluginPath>/mobility-delta-sink}, which then
     * holds the zip's one {@code <owner>-<name>-<version>/} directory: the worker takes each directory of its
     * plugin.path as one plugin and finds the jars anywhere below it, and a fixed name lets a newer build replace
     * the installed one instead of sitting beside it.
     */
    public static Path install(Path projectRoot, Path pluginPath) {
        Path zip = find(projectRoot.resolve("connect-delta-sink/target"));
        Path into = pluginPath.resolve("mobility-delta-sink");
        try {
            if (Files.exists(into) && Files.getLastModifiedTime(into).compareTo(Files.getLastModifiedTime(zip)) >= 0) {
                return into;
            }
            deleteRecursively(into);
            Path staging = pluginPath.resolve(".mobility-delta-sink.tmp");
            deleteRecursively(staging);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IllegalStateException("Plugin zip entry escapes its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(in, target);
                    }
                }
            }
            Files.move(staging, into, StandardCopyOption.ATOMIC_MOVE);
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the sink plugin " + zip + " into " + into, e);
        }
    }

    private static Path find(Path target) {
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(target, "*-plugin.zip")) {
            for (Path zip : zips) {
                return zip;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("No sink plugin zip in " + target + ": run ./mvnw -B -pl connect-delta-sink"
                + " -am package -DskipTests");
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
