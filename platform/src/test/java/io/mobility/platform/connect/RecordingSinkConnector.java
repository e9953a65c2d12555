package io.mobility.platform.connect;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** A test sink that keeps the values it receives, per connector name, where the test can see them. */
public class RecordingSinkConnector extends SinkConnector {

    static final Map<String, Queue<String>> RECEIVED = new ConcurrentHashMap<>();
    static final Set<String> STOPPED_TASKS = ConcurrentHashMap.newKeySet();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RecordingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "test";
    }

    public static class RecordingTask extends SinkTask {
        private String name;

        @Override
        public void start(Map<String, String> props) {
            name = props.get("name");
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            Queue<String> received = RECEIVED.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
            records.forEach(r -> received.add(r.key() + "=" + r.value()));
        }

        @Override
        public void stop() {
            STOPPED_TASKS.add(name);
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
