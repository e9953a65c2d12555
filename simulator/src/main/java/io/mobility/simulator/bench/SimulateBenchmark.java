package io.mobility.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.EventSink;
import io.mobility.simulator.sink.HandOffSink;
import io.mobility.simulator.sink.KafkaEventSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mobility bench simulate}: records per second that the simulator generates, serializes (wire format, real
 * registry) and produces to an in-process broker, against a plain producer sending the same records pre-serialized
 * (the very bytes the simulator produced in a capture run) with the same producer settings, in the same JVM and run.
 * Rounds alternate so that machine noise hits both; the median round of each is reported, with the CPU time the whole
 * JVM (broker included) spent per record on each side, which other load on the machine changes far less than rates.
 */
@Command(name = "bench simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulator throughput to an in-process Kafka broker against a pre-serialized baseline.")
public final class SimulateBenchmark implements Callable<Integer> {

    @Option(names = "--hours", defaultValue = "24", description = "simulated hours per round (default: ${DEFAULT-VALUE})")
    int hours;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds of each (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--drivers", defaultValue = "" + SimulationConfig.DEFAULT_DRIVERS, description = "drivers (default: ${DEFAULT-VALUE})")
    int drivers;

    @Option(names = "--dirty-rate", defaultValue = "0.001", description = "rate of each fault kind (default: ${DEFAULT-VALUE})")
    double dirtyRate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = SimulationConfig.defaults(Instant.parse("2025-05-05T04:00:00Z"), Duration.ofHours(hours))
                .withDrivers(drivers).withRiders(2_000).withFaults(FaultRates.all(dirtyRate));
        Clock wall = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (LocalPlatform platform = LocalPlatform.builder().progress(System.out::println).start()) {
            System.out.println("capturing the records of one round, serialized, for the baseline ...");
            List<ProducerRecord<byte[], byte[]>> captured = capture(config, wall, platform.registryUrl());
            long bytes = captured.stream().mapToLong(r -> r.value().length).sum();
            System.out.printf("captured %,d records, %.1f bytes per value%n", captured.size(),
                    bytes / (double) captured.size());

            // The simulator's real default producer settings (those of ./mobility simulate), for both sides.
            Map<String, Object> producerConfig = KafkaEventSink.producerConfig(platform.bootstrapServers(), Map.of());
            double[] simulated = new double[rounds];
            double[] baseline = new double[rounds];
            double[] simulatedCpu = new double[rounds];
            double[] baselineCpu = new double[rounds];
            double[] serializedByGenerator = new double[rounds];
            List<Map<String, Double>> simulatedByThread = new ArrayList<>();
            List<Map<String, Double>> baselineByThread = new ArrayList<>();
            // round 0 warms both paths up (JIT, broker segments) and is not counted
            for (int round = -1; round < rounds; round++) {
                CpuClock cpu = CpuClock.start();
                Map<String, Double> baselineThreads = sendPreSerialized(producerConfig, captured, cpu);
                double baselineRate = captured.size() / cpu.seconds();
                double baselineCpuPerRecord = cpu.processMicros() / captured.size();

                cpu = CpuClock.start();
                Manifest manifest;
                Map<String, Double> simulatedThreads;
                HandOffSink sink = new HandOffSink(
                        new KafkaEventSink(platform.bootstrapServers(), platform.registryUrl(), Map.of()));
                try (sink) {
                    manifest = new Simulation(config, sink, SimulationClock.backfill(), wall, Progress.silent()).run();
                    // run() ends with a flush: read the threads' CPU before close() ends the sending threads
                    simulatedThreads = cpu.microsPerRecordByThread(manifest.totalRecords());
                }
                double rate = manifest.totalRecords() / cpu.seconds();
                double cpuPerRecord = cpu.processMicros() / manifest.totalRecords();
                double generatorShare = 100.0 * sink.serializedHere() / manifest.totalRecords();
                System.out.printf("%s: simulate %,.0f records/s (%.2f us CPU each, %.0f%% serialized on the generating "
                                + "thread), pre-serialized baseline %,.0f records/s (%.2f us CPU each)%n",
                        round < 0 ? "warm-up" : "round " + (round + 1) + "/" + rounds, rate, cpuPerRecord,
                        generatorShare, baselineRate, baselineCpuPerRecord);
                System.out.printf("  us CPU per record by thread: simulate %s, baseline %s%n", simulatedThreads,
                        baselineThreads);
                if (round >= 0) {
                    simulated[round] = rate;
                    baseline[round] = baselineRate;
                    simulatedCpu[round] = cpuPerRecord;
                    baselineCpu[round] = baselineCpuPerRecord;
                    serializedByGenerator[round] = generatorShare;
                    simulatedByThread.add(simulatedThreads);
                    baselineByThread.add(baselineThreads);
                }
            }
            // where the time goes: the same run into a sink that drops records, and one that only serializes, both on
            // this thread alone, so their thread CPU time is the cost of generating and of serializing; alternated,
            // medians of three, as single runs swing with other load
            AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>();
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, platform.registryUrl()), false);
            double[] generateRates = new double[3];
            double[] generateCpus = new double[3];
            double[] generateSerializeRates = new double[3];
            double[] generateSerializeCpus = new double[3];
            long n = 0;
            for (int i = 0; i < 3; i++) {
                CpuClock cpu = CpuClock.start();
                n = new Simulation(config, new Discard(null), SimulationClock.backfill(), wall, Progress.silent())
                        .run().totalRecords();
                generateRates[i] = n / cpu.seconds();
                generateCpus[i] = cpu.threadMicros() / n;
                cpu = CpuClock.start();
                new Simulation(config, new Discard(serializer), SimulationClock.backfill(), wall, Progress.silent())
                        .run();
                generateSerializeRates[i] = n / cpu.seconds();
                generateSerializeCpus[i] = cpu.threadMicros() / n;
            }
            double generateOnly = median(generateRates);
            double generateCpu = median(generateCpus);
            double generateSerialize = median(generateSerializeRates);
            double generateSerializeCpu = median(generateSerializeCpus);
            System.out.printf("generate only %,.0f records/s (%.2f us CPU each), generate and serialize %,.0f "
                    + "records/s (%.2f us CPU each)%n", generateOnly, generateCpu, generateSerialize,
                    generateSerializeCpu);
            double rate = median(simulated);
            double base = median(baseline);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("bench", "simulate");
            report.put("events_per_s", Math.round(rate));
            report.put("baseline_events_per_s", Math.round(base));
            report.put("ratio", Math.round(rate / base * 1000) / 1000.0);
            report.put("cpu_us_per_event", round2(median(simulatedCpu)));
            report.put("baseline_cpu_us_per_event", round2(median(baselineCpu)));
            report.put("cpu_ratio", Math.round(median(baselineCpu) / median(simulatedCpu) * 1000) / 1000.0);
            report.put("cpu_us_per_event_by_thread", medianByKey(simulatedByThread));
            report.put("baseline_cpu_us_per_event_by_thread", medianByKey(baselineByThread));
            report.put("generate_only_per_s", Math.round(generateOnly));
            report.put("generate_serialize_per_s", Math.round(generateSerialize));
            report.put("generate_cpu_us_per_event", round2(generateCpu));
            report.put("serialize_cpu_us_per_event", round2(generateSerializeCpu - generateCpu));
            report.put("serialized_on_generating_thread_pct", Math.round(median(serializedByGenerator)));
            report.put("load_average", Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage() * 10) / 10.0);
            report.put("records_per_round", captured.size());
            report.put("bytes_per_value", Math.round(bytes / (double) captured.size() * 10) / 10.0);
            report.put("simulated_hours_per_round", hours);
            report.put("rounds", rounds);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            System.out.println(new ObjectMapper().writeValueAsString(report));
        }
        return 0;
    }

    /**
     * The baseline: one producer with the simulator's settings sending the captured bytes, checking every send's
     * outcome through a callback as the simulator's sink does (a producer that ignores failures would be cheaper and
     * wrong).
     */
    private static Map<String, Double> sendPreSerialized(Map<String, Object> producerConfig,
                                                         List<ProducerRecord<byte[], byte[]>> records, CpuClock cpu) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r, callback);
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("the baseline producer failed: " + failure.get().getMessage(),
                        failure.get());
            }
            return cpu.microsPerRecordByThread(records.size());
        }
    }

    /** Runs the simulation once into memory, serialized exactly as the Kafka sink would. */
    private static List<ProducerRecord<byte[], byte[]>> capture(SimulationConfig config, Clock wall, String registryUrl)
            throws InterruptedException {
        AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        EventSink capture = new EventSink() {
            @Override
            public void send(String topic, String key, SpecificRecord value) {
                records.add(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic, (IndexedRecord) value)));
            }

            @Override
            public void sendRaw(String topic, String key, byte[] value) {
                records.add(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        new Simulation(config, capture, SimulationClock.backfill(), wall, Progress.silent()).run();
        serializer.close();
        return records;
    }

    /** Drops records, after serializing them if given a serializer. */
    private record Discard(AvroSerializer<IndexedRecord> serializer) implements EventSink {
        @Override
        public void send(String topic, String key, SpecificRecord value) {
            if (serializer != null && serializer.serialize(topic, (IndexedRecord) value).length == 0) {
                throw new IllegalStateException("empty serialization");
            }
        }

        @Override
        public void sendRaw(String topic, String key, byte[] value) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, Double> medianByKey(List<Map<String, Double>> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String key : rounds.get(0).keySet()) {
            medians.put(key, median(rounds.stream().mapToDouble(m -> m.get(key)).toArray()));
        }
        return medians;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
