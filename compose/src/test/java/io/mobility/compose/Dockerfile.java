package io.mobility.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The instructions of a Dockerfile the checks need: its stages (FROM), what it copies (COPY, ADD), and the user
 * each stage runs as (its last USER; null when it sets none and keeps its base image's).
 */
record Dockerfile(Path file, List<Stage> stages, List<Copy> copies) {

    record Stage(String image, String name, String user) {}

    /** A COPY or ADD: its sources, its destination, and the stage or image it copies from (null: the context). */
    record Copy(List<String> sources, String destination, String from, int line) {}

    static Dockerfile parse(Path file) {
        List<Stage> stages = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        String[] lines = Repo.read(file).split("\n", -1);
        StringBuilder instruction = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (instruction.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (instruction.isEmpty()) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                instruction.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            instruction.append(line);
            read(instruction.toString().strip(), start, stages, copies);
            instruction.setLength(0);
        }
        return new Dockerfile(file, stages, copies);
    }

    private static void read(String instruction, int line, List<Stage> stages, List<Copy> copies) {
        List<String> words = new ArrayList<>(Arrays.asList(instruction.split("\\s+")));
        String keyword = words.remove(0).toUpperCase();
        if (keyword.equals("FROM")) {
            words.removeIf(w -> w.startsWith("--"));
            String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
            stages.add(new Stage(words.get(0), name, null));
        } else if (keyword.equals("USER")) {
            Stage stage = stages.remove(stages.size() - 1);
            stages.add(new Stage(stage.image(), stage.name(), words.get(0)));
        } else if (keyword.equals("COPY") || keyword.equals("ADD")) {
            String from = null;
            List<String> args = new ArrayList<>();
            for (String w : words) {
                if (w.startsWith("--from=")) {
                    from = w.substring("--from=".length());
                } else if (!w.startsWith("--")) {
                    args.add(w);
                }
            }
            if (args.size() < 2) {
                throw new AssertionError("line " + line + ": " + keyword + " needs a source and a destination");
            }
            copies.add(new Copy(List.copyOf(args.subList(0, args.size() - 1)), args.get(args.size() - 1), from, line));
        }
    }

    /** The stage the image is: the last one. */
    Stage last() {
        return stages.get(stages.size() - 1);
    }

    boolean hasStage(String name) {
        return stages.stream().anyMatch(s -> name.equals(s.name()));
    }
}
