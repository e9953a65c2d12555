package io.mobility.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a module's main class in its own JVM the way {@code ./mobility} does: {@code <module>/target/classes} plus
 * the module's {@code target/runtime-classpath.txt}, with the JDK flags Spark and Kafka need.
 */
public final class ModuleLauncher {

    /** The same flags as {@code ./mobility} and the test JVMs (pom.xml, jdk.module.flags). */
    static final List<String> JDK_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private final Path projectRoot;
    private final Path logDir;

    public ModuleLauncher(Path projectRoot, Path logDir) {
        this.projectRoot = projectRoot;
        this.logDir = logDir;
    }

    public Path projectRoot() {
        return projectRoot;
    }

    /** The classpath {@code ./mobility} gives the module; fails with the build command when it is not built. */
    public String classpath(String module, Path... extra) {
        Path classes = projectRoot.resolve(module).resolve("target/classes");
        Path runtime = projectRoot.resolve(module).resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(runtime)) {
            throw new IllegalStateException("Module '" + module + "' is not built (no " + runtime + "): run "
                    + "./mvnw -B -pl " + module + " -am package -DskipTests, or ./mobility build");
        }
        try {
            StringBuilder cp = new StringBuilder();
            for (Path p : extra) {
                cp.append(p.toAbsolutePath()).append(':');
            }
            return cp.append(classes.toAbsolutePath())
                    .append(':')
                    .append(Files.readString(runtime).trim())
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + runtime, e);
        }
    }

    /** Starts {@code mainClass} of {@code module}; its output goes to {@code <logs>/<name>.log}. */
    public ChildProcess startModule(
            String name,
            String module,
            String mainClass,
            List<String> args,
            Map<String, String> env,
            List<String> systemProperties,
            LineSink echo) {
        return startOnClasspath(name, classpath(module), mainClass, args, env, systemProperties, echo);
    }

    /** Starts {@code mainClass} on a classpath of its own, e.g. a module's plus one more directory. */
    public ChildProcess startOnClasspath(
            String name,
            String classpath,
            String mainClass,
            List<String> args,
            Map<String, String> env,
            List<String> systemProperties,
            LineSink echo) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JDK_FLAGS);
        String extraOpts = System.getenv("MOBILITY_JAVA_OPTS");
        if (extraOpts != null && !extraOpts.isBlank()) {
            command.addAll(List.of(extraOpts.trim().split("\\s+")));
        }
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return ChildProcess.start(name, command, env, projectRoot, logDir.resolve(name + ".log"), echo);
    }
}
