package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.sink.DeltaSinkConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The connector configurations the init container PUTs, checked by the sink's own validation. */
class ConnectorsTest {

    private static final Path DIR = Repo.COMPOSE.resolve("connect");

    static Map<String, Map<String, String>> connectors() throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.put(
                        file.getFileName().toString().replace(".json", ""),
                        new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
            }
        }
        return all;
    }

    @Test
    void everyConnectorIsTheDeltaSinkOnPlatformTopics() throws IOException {
        assertThat(connectors()).hasSize(5);
        connectors().forEach((name, config) -> {
            assertThat(config.get("connector.class")).as(name).isEqualTo("io.mobility.sink.DeltaSinkConnector");
            assertThat(topics(config))
                    .as(name + " topics")
                    .isNotEmpty()
                    .allMatch(t -> Topics.byName(t).isPresent(), "a topic of io.mobility.events.Topics");
        });
    }

    @Test
    void theSinkAcceptsEveryConfiguration() throws IOException {
        Set<String> known = new DeltaSinkConnector().config().names();
        for (Map.Entry<String, Map<String, String>> connector : connectors().entrySet()) {
            Map<String, String> config = connector.getValue();
            assertThat(config.keySet().stream().filter(k -> k.startsWith("delta.")))
                    .as(connector.getKey() + ": delta.* settings the sink defines")
                    .allMatch(known::contains);
            List<String> errors = new ArrayList<>();
            for (ConfigValue value : new DeltaSinkConnector().validate(config).configValues()) {
                value.errorMessages().forEach(m -> errors.add(value.name() + ": " + m));
            }
            assertThat(errors).as(connector.getKey()).isEmpty();
        }
    }

    @Test
    void convertersAreOnTheClasspathThePluginShips() throws Exception {
        for (Map<String, String> config : connectors().values()) {
            Class.forName(config.get("key.converter"));
            Class.forName(config.get("value.converter"));
        }
    }

    @Test
    void connectorsReachTheComposeRegistryAndTheMountedLake() throws IOException {
        ComposeFile compose = ComposeFile.load();
        String listeners =
                ComposeFile.environment(compose.service("schema-registry")).get("SCHEMA_REGISTRY_LISTENERS");
        String registry = "http://schema-registry:" + listeners.substring(listeners.lastIndexOf(':') + 1);
        String lake = compose.mounts().stream()
                .filter(m -> m.service().equals("connect-1") && m.source().equals("lake"))
                .findFirst()
                .orElseThrow()
                .target();
        connectors().forEach((name, config) -> {
            assertThat(config.get("value.converter.schema.registry.url"))
                    .as(name)
                    .isEqualTo(registry);
            assertThat(config.get("delta.table.root")).as(name).isEqualTo(lake);
        });
    }

    @Test
    void everyTopicLandsInTheLayerTheBatchJobsRead() throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        for (Map<String, String> config : connectors().values()) {
            for (String pair : config.getOrDefault("delta.table.overrides", "").split(",")) {
                String[] topicAndPath = pair.split(":");
                tables.put(topicAndPath[0].strip(), topicAndPath[1].strip());
            }
        }
        // docs/gold.md's silver contract: what gold reads.
        assertThat(tables.values())
                .contains("silver/rides", "silver/driver_events", "silver/zones", "silver/drivers", "silver/riders");
        assertThat(tables)
                .containsEntry(Topics.RIDE_EVENTS_RAW.name(), "bronze/ride_events")
                .containsEntry(Topics.DRIVER_EVENTS_RAW.name(), "bronze/driver_events")
                .containsEntry(Topics.QUARANTINE.name(), "silver/quarantine");
        // Every topic but the live zone state (served from Kafka, not the lake) is landed.
        Set<String> landed = new TreeSet<>(tables.keySet());
        assertThat(Topics.ALL.stream().map(Topic::name).filter(t -> !landed.contains(t)))
                .containsExactly(Topics.ZONE_STATE.name());
    }

    @Test
    void theInitContainerCreatesEveryTopicWithItsCleanupPolicy() {
        Map<String, TopicScript.Created> created = TopicScript.topics();
        for (Topic topic : Topics.ALL) {
            assertThat(created).as("create-topics.sh creates " + topic.name()).containsKey(topic.name());
            assertThat(created.get(topic.name()).cleanup())
                    .as(topic.name())
                    .isEqualTo(topic.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void tasksAndDeadLetterTopicsFitTheCreatedTopics() throws IOException {
        Map<String, TopicScript.Created> created = TopicScript.topics();
        connectors().forEach((name, config) -> {
            assertThat(created)
                    .as(name + ": its topics are created up front")
                    .containsKeys(topics(config).toArray(String[]::new));
            int partitions = topics(config).stream()
                    .mapToInt(t -> created.get(t).partitions())
                    .sum();
            assertThat(Integer.parseInt(config.get("tasks.max")))
                    .as(name + ": tasks beyond its partitions idle")
                    .isBetween(1, partitions);
            String dlq = config.get("errors.deadletterqueue.topic.name");
            if (dlq != null) {
                assertThat(created)
                        .as(name + ": dead-letter topic created up front")
                        .containsKey(dlq);
            }
        });
    }

    @Test
    void theInitContainerPutsEveryConnectorFileUnderItsName() {
        ComposeFile compose = ComposeFile.load();
        assertThat(compose.mounts())
                .anyMatch(m -> m.service().equals("connect-init")
                        && m.bind()
                        && ComposeFile.hostPath(m).equals(DIR)
                        && m.target().equals("/connectors"));
        String script = Repo.read(Repo.COMPOSE.resolve("init/create-connectors.sh"));
        assertThat(script)
                .contains("DIR=\"${CONNECTORS_DIR:-/connectors}\"")
                .contains("for file in \"$DIR\"/*.json")
                .contains("-X PUT")
                .contains("$url/connectors/$name/config");
        // Which workers it calls, and how it copes with a rebalance: ConnectWorkersTest runs it.
        assertThat(ComposeFile.environment(compose.service("connect-init")).get("CONNECT_URLS"))
                .contains("http://connect-1:8083");
    }

    private static List<String> topics(Map<String, String> config) {
        return Arrays.stream(config.getOrDefault("topics", "").split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
    }
}
