package io.mobility.bench.streams;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from JDK Flight Recorder's CPU samples: each sample is charged to its thread group (the
 * stream thread, the in-process broker, client I/O) and, on the stream thread, to the first frame up the stack that
 * belongs to a known library, so JDK collections count toward whoever called them.
 */
final class Profile implements AutoCloseable {

    private static final List<Map.Entry<String, String>> CODE = List.of(
            Map.entry("io.mobility.serde.", "avro serde"),
            Map.entry("org.apache.avro.", "avro serde"),
            Map.entry("org.rocksdb.", "rocksdb"),
            Map.entry("io.mobility.streams.", "app logic"),
            Map.entry("org.apache.kafka.streams.state.", "state store layers"),
            Map.entry("org.apache.kafka.streams.", "streams runtime"),
            Map.entry("org.apache.kafka.clients.", "kafka clients"),
            Map.entry("org.apache.kafka.common.", "kafka clients"));

    private final Recording recording = new Recording();

    Profile start() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
        return this;
    }

    /** Shares of CPU samples in percent: by thread group, then on the stream thread by code. */
    Map<String, Object> stop(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Long> code = new TreeMap<>();
        long total = 0;
        long streamSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = event.getThread("sampledThread") == null
                    ? "?"
                    : event.getThread("sampledThread").getJavaName();
            String group = ThreadGroups.ofJavaThread(thread == null ? "?" : thread);
            threads.merge(group, 1L, Long::sum);
            if (group.equals("stream thread")) {
                streamSamples++;
                code.merge(codeOf(event.getStackTrace().getFrames()), 1L, Long::sum);
            }
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("samples", total);
        profile.put("cpu_share_by_thread_pct", percent(threads, total));
        profile.put("stream_thread_share_by_code_pct", percent(code, streamSamples));
        return profile;
    }

    private static String codeOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> c : CODE) {
                if (type.startsWith(c.getKey())) {
                    return c.getValue();
                }
            }
        }
        return "jdk/other";
    }

    private static Map<String, Long> percent(Map<String, Long> counts, long total) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : Math.round(100.0 * e.getValue() / total)));
        return out;
    }

    @Override
    public void close() {
        recording.close();
    }
}
