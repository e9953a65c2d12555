package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLakeStorageTest {

    @TempDir
    Path dir;

    @Test
    void anAtomicWriteReplacesTheFileAndLeavesNoTemporaryBehind() throws Exception {
        Path target = dir.resolve("monitoring/latest.json");
        LocalLakeStorage.replace(target, "old".getBytes(StandardCharsets.UTF_8));
        new LocalLakeStorage().writeAtomically(target.toString(), "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        try (var names = Files.list(target.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("latest.json");
        }
        assertThat(new LocalLakeStorage().readText(dir.resolve("nothing.json").toString()))
                .isEmpty();
    }
}
