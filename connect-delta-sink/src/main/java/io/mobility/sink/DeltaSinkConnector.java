package io.mobility.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink that lands topics as Delta Lake tables, exactly once. Every task gets the same settings; which
 * topic-partitions a task writes is decided by the consumer group, and the Delta log keeps their offsets.
 */
public class DeltaSinkConnector extends SinkConnector {

    /** The build's version, which the worker reports for this plugin (e.g. {@code GET /connector-plugins}). */
    public static final String VERSION = buildVersion();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new DeltaSinkConfig(props); // fail the connector, not each task, on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DeltaSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return DeltaSinkConfig.DEFINITION;
    }

    /** Adds the checks that involve several settings to each setting's own validation, under the setting's name. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, List<String>> problems = DeltaSinkConfig.crossCheck(connectorConfigs);
        for (ConfigValue value : config.configValues()) {
            for (String message : problems.getOrDefault(value.name(), List.of())) {
                value.addErrorMessage(message);
            }
        }
        return config;
    }

    @Override
    public String version() {
        return VERSION;
    }

    private static String buildVersion() {
        String resource = "connector-version.properties";
        try (InputStream in = DeltaSinkConnector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("io/mobility/sink/" + resource + " is missing from the connector's "
                        + "jar: build it with Maven, which writes the version there");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.contains("${")) {
                throw new IllegalStateException(
                        "io/mobility/sink/" + resource + " holds no build version: '" + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the connector's version", e);
        }
    }
}
