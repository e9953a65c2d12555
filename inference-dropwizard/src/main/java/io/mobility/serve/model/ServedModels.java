package io.mobility.serve.model;

import io.mobility.lake.LakeFormatException;
import io.mobility.lake.LocalLakeStorage;
import io.mobility.lake.ModelRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models in memory, following each {@code current} of the {@link ModelRegistry} on disk. A new version is loaded
 * completely beside the old one and then swapped in with one reference write, so requests never see a half-loaded
 * model nor fail during the swap; a version that fails to load leaves the previous one serving.
 *
 * <p>A failure is logged with the files at fault; {@link #problem}, which answers and health checks show, names no
 * file-system path.
 */
public final class ServedModels {

    private static final Logger LOG = LoggerFactory.getLogger(ServedModels.class);

    private final Path modelsDir;
    private final ModelRegistry registry;
    private final List<String> names;
    private final ModelLoader loader;
    private final Map<String, AtomicReference<LoadedModel>> loaded = new LinkedHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    public ServedModels(Path modelsDir, List<String> names, ModelLoader loader) {
        this.modelsDir = modelsDir;
        this.registry = new ModelRegistry(modelsDir.toString(), new LocalLakeStorage());
        this.names = List.copyOf(names);
        this.loader = loader;
        names.forEach(name -> loaded.put(name, new AtomicReference<>()));
    }

    public List<String> names() {
        return names;
    }

    public Optional<LoadedModel> current(String name) {
        AtomicReference<LoadedModel> ref = loaded.get(name);
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.get());
    }

    /** Why the latest attempt to follow {@code current} failed, if it did; names no file-system path. */
    public Optional<String> problem(String name) {
        return Optional.ofNullable(problems.get(name));
    }

    /** Loads every model whose {@code current} names a version other than the one serving. */
    public void refresh() {
        for (String name : names) {
            refresh(name);
        }
    }

    private void refresh(String name) {
        AtomicReference<LoadedModel> ref = loaded.get(name);
        Optional<String> current;
        try {
            current = registry.current(name);
        } catch (LakeFormatException e) {
            report(name, "its current pointer does not name a published version", e.getMessage());
            return;
        } catch (RuntimeException e) {
            report(name, "its current pointer cannot be read", registry.currentPointer(name) + ": " + e);
            return;
        }
        if (current.isEmpty()) {
            report(
                    name,
                    "no version is promoted yet",
                    "no model promoted: " + registry.currentPointer(name) + " does not exist");
            return;
        }
        String version = current.get();
        LoadedModel serving = ref.get();
        if (serving != null && serving.version().equals(version)) {
            return;
        }
        Path directory = modelsDir.resolve(name).resolve(version);
        try {
            LoadedModel next = loader.load(name, directory);
            ref.set(next);
            problems.remove(name);
            LOG.info(
                    "Serving model {} version {} ({} trees)",
                    name,
                    version,
                    next.ensemble().numTrees());
        } catch (LakeFormatException e) {
            // ModelLoader's messages name the file within the version, not the directory
            report(
                    name,
                    "version " + version + " cannot be loaded: " + e.getMessage(),
                    directory + ": " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        } catch (RuntimeException e) {
            report(
                    name,
                    "version " + version + " cannot be loaded (the service's log has the cause)",
                    directory + ": " + e);
        }
    }

    /** {@code problem} is kept for answers; {@code detail}, naming the files, goes to the log (once per change). */
    private void report(String name, String problem, String detail) {
        if (!problem.equals(problems.put(name, problem))) {
            LOG.warn("Model {}: {}", name, detail);
        }
    }
}
