package io.mobility.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files {@code ./mvnw package} writes under the modules' {@code target/} directories, derived from the poms:
 * each module's jar ({@code artifactId-version.jar}), a shaded jar's classifier, an assembly's id and format, and
 * the directories this module's build copies image libraries into. Paths are relative to the repository root.
 */
final class BuildOutputs {

    private BuildOutputs() {}

    static Set<String> files() {
        String version = text(pom(Repo.ROOT.resolve("pom.xml")).getDocumentElement(), "version");
        Set<String> outputs = new LinkedHashSet<>();
        for (String module : modules()) {
            Path dir = Repo.ROOT.resolve(module);
            Element project = pom(dir.resolve("pom.xml")).getDocumentElement();
            String artifact = text(project, "artifactId");
            String base = module + "/target/" + artifact + "-" + version;
            outputs.add(base + ".jar");
            for (String classifier : all(project, "shadedClassifierName")) {
                outputs.add(base + "-" + classifier + ".jar");
            }
            for (String descriptor : all(project, "descriptor")) {
                Element assembly = pom(dir.resolve(descriptor)).getDocumentElement();
                for (String format : all(assembly, "format")) {
                    outputs.add(base + "-" + text(assembly, "id") + "." + format);
                }
            }
        }
        return outputs;
    }

    /** Directories the compose module's own build fills ({@code <copy todir=...>} in compose/pom.xml). */
    static Set<String> directories() {
        Set<String> dirs = new LinkedHashSet<>();
        NodeList copies = pom(Repo.COMPOSE.resolve("pom.xml")).getElementsByTagName("copy");
        for (int i = 0; i < copies.getLength(); i++) {
            String todir = ((Element) copies.item(i)).getAttribute("todir");
            dirs.add("compose/" + todir.replace("${project.build.directory}", "target") + "/");
        }
        return dirs;
    }

    static List<String> modules() {
        return all(pom(Repo.ROOT.resolve("pom.xml")).getDocumentElement(), "module");
    }

    /** Whether {@code path} (relative to the repository root) is a build output or inside an output directory. */
    static boolean isOutput(String path) {
        String normalized = path.startsWith("./") ? path.substring(2) : path;
        return files().contains(normalized)
                || directories().stream()
                        .anyMatch(
                                d -> normalized.equals(d) || normalized.startsWith(d) || (normalized + "/").equals(d));
    }

    static boolean isUnderTarget(String path) {
        return Stream.of(path.split("/")).anyMatch("target"::equals);
    }

    static String version() {
        return text(pom(Repo.ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    }

    static String property(String name) {
        return text(pom(Repo.ROOT.resolve("pom.xml")).getDocumentElement(), name);
    }

    private static Document pom(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing " + Repo.relative(file));
        }
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + Repo.relative(file) + ": " + e.getMessage(), e);
        }
    }

    /** The first direct child element named {@code tag} (a project's own artifactId, not its parent's). */
    private static String text(Element element, String tag) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().strip();
            }
        }
        NodeList deep = element.getElementsByTagName(tag);
        if (deep.getLength() > 0) {
            return deep.item(0).getTextContent().strip();
        }
        throw new AssertionError("no <" + tag + "> in " + element.getTagName());
    }

    private static List<String> all(Element element, String tag) {
        List<String> values = new ArrayList<>();
        NodeList nodes = element.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return values;
    }
}
