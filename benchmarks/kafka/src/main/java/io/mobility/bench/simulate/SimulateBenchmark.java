package io.mobility.bench.simulate;

import io.mobility.bench.BenchmarkReport;
import io.mobility.bench.CpuMeter;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.kafka.HandOffSink;
import io.mobility.simulator.kafka.KafkaEventSink;
import io.mobility.simulator.kafka.Sending;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.EventSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
 * Untimed warm-up rounds come first; then rounds alternate so that machine noise hits every side; the median round of
 * each is reported, with the CPU time the whole
 * JVM (broker included) spent per record on each side, which other load on the machine changes far less than rates.
 */
@Command(
        name = "bench simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Simulator throughput to an in-process Kafka broker against a pre-serialized baseline.")
public final class SimulateBenchmark implements Callable<Integer> {

    // A week per round (about 1.08M records): a backfill runs weeks, and in 24-hour rounds (153k records, under half
    // a second each) the JIT was still compiling after 10 warm-up rounds (0.9 us per record against 0.35).
    @Option(
            names = "--hours",
            defaultValue = "168",
            description = "simulated hours per round (default: ${DEFAULT-VALUE})")
    int hours;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "timed rounds of each side (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = "--warmup-rounds",
            defaultValue = "3",
            description = "untimed rounds of each side first, so that the JIT has compiled the hot code of the broker, "
                    + "the producer and the simulator before anything is timed (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(
            names = "--drivers",
            defaultValue = "" + SimulationConfig.DEFAULT_DRIVERS,
            description = "drivers (default: ${DEFAULT-VALUE})")
    int drivers;

    @Option(
            names = "--dirty-rate",
            defaultValue = "0.001",
            description = "rate of each fault kind (default: ${DEFAULT-VALUE})")
    double dirtyRate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateBenchmark()).execute(args));
    }

    /** The measured rounds of one side: records per second, CPU per record, its split by thread. */
    private static final class Side {
        final String name;
        final List<Double> rates = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final List<Map<String, Double>> byThread = new ArrayList<>();
        final List<Double> serializedHerePct = new ArrayList<>();

        Side(String name) {
            this.name = name;
        }

        void add(double rate, double cpuPerRecord, Map<String, Double> threads) {
            rates.add(rate);
            cpu.add(cpuPerRecord);
            byThread.add(threads);
        }

        double rate() {
            return median(rates.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double cpu() {
            return median(cpu.stream().mapToDouble(Double::doubleValue).toArray());
        }

        Map<String, Object> figures(Side baseline) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("events_per_s", Math.round(rate()));
            f.put("ratio", Math.round(rate() / baseline.rate() * 1000) / 1000.0);
            f.put("cpu_us_per_event", round2(cpu()));
            f.put("cpu_ratio", Math.round(baseline.cpu() / cpu() * 1000) / 1000.0);
            f.put("cpu_us_per_event_by_thread", medianByKey(byThread));
            if (!serializedHerePct.isEmpty()) {
                f.put(
                        "serialized_on_generating_thread_pct",
                        Math.round(median(serializedHerePct.stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray())));
            }
            return f;
        }
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = SimulationConfig.defaults(
                        Instant.parse("2025-05-05T04:00:00Z"), Duration.ofHours(hours))
                .withDrivers(drivers)
                .withRiders(2_000)
                .withFaults(FaultRates.all(dirtyRate));
        Clock wall = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (LocalPlatform platform =
                LocalPlatform.builder().progress(System.out::println).start()) {
            System.out.println("capturing the records of one round, serialized, for the baseline ...");
            List<ProducerRecord<byte[], byte[]>> captured = capture(config, wall, platform.registryUrl());
            long bytes = captured.stream().mapToLong(r -> r.value().length).sum();
            String sha256 = sha256(captured);
            System.out.printf(
                    "captured %,d records, %.1f bytes per value, SHA-256 of topics, keys and values %s%n",
                    captured.size(), bytes / (double) captured.size(), sha256);

            // The simulator's real default producer settings (those of ./mobility simulate), for both sides.
            Map<String, Object> producerConfig = KafkaEventSink.producerConfig(platform.bootstrapServers(), Map.of());
            Side baseline = new Side("baseline");
            Side direct = new Side(Sending.DIRECT.label());
            Side handOff = new Side(Sending.HAND_OFF.label());
            // Warm-up rounds run every side and are not counted: a long-running simulator runs compiled code, and the
            // broker's and producer's per-request code climbs the compilation tiers slowly (in 24-hour rounds, with 4
            // warm-up rounds the JIT still took ~2 us per simulated record in the timed rounds, with 12 about 0.8,
            // against 0.5 for the baseline; simulator/README.md).
            for (int round = -warmupRounds; round < rounds; round++) {
                String label = round < 0
                        ? "warm-up " + (round + warmupRounds + 1) + "/" + warmupRounds
                        : "round " + (round + 1) + "/" + rounds;
                CpuMeter cpu = CpuMeter.start();
                Map<String, Double> baselineThreads = sendPreSerialized(producerConfig, captured, cpu);
                double baselineRate = captured.size() / cpu.seconds();
                double baselineCpu = (cpu.processNanos() / 1e3) / captured.size();
                System.out.printf(
                        "%s: pre-serialized baseline %,.0f records/s (%.2f us CPU each) %s%n",
                        label, baselineRate, baselineCpu, baselineThreads);
                if (round >= 0) {
                    baseline.add(baselineRate, baselineCpu, baselineThreads);
                }
                // the two ways of sending alternate which goes first
                for (Sending sending : (round & 1) == 0
                        ? List.of(Sending.DIRECT, Sending.HAND_OFF)
                        : List.of(Sending.HAND_OFF, Sending.DIRECT)) {
                    simulate(
                            sending,
                            round >= 0 ? (sending == Sending.DIRECT ? direct : handOff) : null,
                            label,
                            config,
                            wall,
                            platform,
                            captured.size());
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
                CpuMeter cpu = CpuMeter.start();
                n = new Simulation(config, new Discard(null), SimulationClock.backfill(), wall, Progress.silent())
                        .run()
                        .totalRecords();
                generateRates[i] = n / cpu.seconds();
                generateCpus[i] = (cpu.startingThreadNanos() / 1e3) / n;
                cpu = CpuMeter.start();
                new Simulation(config, new Discard(serializer), SimulationClock.backfill(), wall, Progress.silent())
                        .run();
                generateSerializeRates[i] = n / cpu.seconds();
                generateSerializeCpus[i] = (cpu.startingThreadNanos() / 1e3) / n;
            }
            double generateOnly = median(generateRates);
            double generateCpu = median(generateCpus);
            double generateSerialize = median(generateSerializeRates);
            double generateSerializeCpu = median(generateSerializeCpus);
            System.out.printf(
                    "generate only %,.0f records/s (%.2f us CPU each), generate and serialize %,.0f "
                            + "records/s (%.2f us CPU each)%n",
                    generateOnly, generateCpu, generateSerialize, generateSerializeCpu);
            Sending chosen = Sending.forMode(false);
            Map<String, Object> simulated = (chosen == Sending.DIRECT ? direct : handOff).figures(baseline);
            BenchmarkReport report = new BenchmarkReport("simulate");
            report.put("events_per_s", simulated.get("events_per_s"));
            report.put("baseline_events_per_s", Math.round(baseline.rate()));
            report.put("ratio", simulated.get("ratio"));
            report.put("sending", chosen.label());
            report.put("cpu_us_per_event", simulated.get("cpu_us_per_event"));
            report.put("baseline_cpu_us_per_event", round2(baseline.cpu()));
            report.put("cpu_ratio", simulated.get("cpu_ratio"));
            report.put("cpu_us_per_event_by_thread", simulated.get("cpu_us_per_event_by_thread"));
            report.put("baseline_cpu_us_per_event_by_thread", medianByKey(baseline.byThread));
            report.put(direct.name, direct.figures(baseline));
            report.put(handOff.name, handOff.figures(baseline));
            report.put("generate_only_per_s", Math.round(generateOnly));
            report.put("generate_serialize_per_s", Math.round(generateSerialize));
            report.put("generate_cpu_us_per_event", round2(generateCpu));
            report.put("serialize_cpu_us_per_event", round2(generateSerializeCpu - generateCpu));
            report.put("load_average", BenchmarkReport.round(CpuMeter.loadAverage(), 1));
            report.put("records_per_round", captured.size());
            report.put("records_sha256", sha256);
            report.put("bytes_per_value", Math.round(bytes / (double) captured.size() * 10) / 10.0);
            report.put("simulated_hours_per_round", hours);
            report.put("warmup_rounds", warmupRounds);
            report.put("rounds", rounds);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.print();
        }
        return 0;
    }

    /** One simulator round with the given way of sending, recorded into {@code side} unless it is a warm-up. */
    private static void simulate(
            Sending sending,
            Side side,
            String label,
            SimulationConfig config,
            Clock wall,
            LocalPlatform platform,
            long expectedRecords)
            throws InterruptedException {
        CpuMeter cpu = CpuMeter.start();
        Manifest manifest;
        Map<String, Double> threads;
        KafkaEventSink kafka = new KafkaEventSink(platform.bootstrapServers(), platform.registryUrl(), Map.of());
        EventSink sink = sending.wrap(kafka);
        try (sink) {
            manifest = new Simulation(config, sink, SimulationClock.backfill(), wall, Progress.silent()).run();
            // run() ends with a flush: read the threads' CPU before close() ends the sending threads
            threads = microsPerRecordByThread(cpu, manifest.totalRecords());
        }
        if (manifest.totalRecords() != expectedRecords || kafka.acknowledged() != expectedRecords) {
            throw new IllegalStateException("the simulator sent " + manifest.totalRecords() + " records ("
                    + kafka.acknowledged() + " acknowledged), the captured round " + expectedRecords);
        }
        double rate = manifest.totalRecords() / cpu.seconds();
        double cpuPerRecord = (cpu.processNanos() / 1e3) / manifest.totalRecords();
        String share = "";
        if (side != null) {
            side.add(rate, cpuPerRecord, threads);
        }
        if (sink instanceof HandOffSink h) {
            double pct = 100.0 * h.serializedHere() / manifest.totalRecords();
            share = String.format(", %.0f%% serialized on the generating thread", pct);
            if (side != null) {
                side.serializedHerePct.add(pct);
            }
        }
        System.out.printf(
                "%s: simulate, %s: %,.0f records/s (%.2f us CPU each%s) %s%n",
                label, sending.label(), rate, cpuPerRecord, share, threads);
    }

    /** SHA-256 over every record's topic, key and value, each length-prefixed: the same seed, the same records. */
    private static String sha256(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer length = ByteBuffer.allocate(4);
        for (ProducerRecord<byte[], byte[]> r : records) {
            for (byte[] part : new byte[][] {r.topic().getBytes(StandardCharsets.UTF_8), r.key(), r.value()}) {
                digest.update(length.clear().putInt(part.length).array());
                digest.update(part);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The baseline: one producer with the simulator's settings sending the captured bytes, checking every send's
     * outcome through a callback as the simulator's sink does (a producer that ignores failures would be cheaper and
     * wrong).
     */
    private static Map<String, Double> sendPreSerialized(
            Map<String, Object> producerConfig, List<ProducerRecord<byte[], byte[]>> records, CpuMeter cpu) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r, callback);
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException(
                        "the baseline producer failed: " + failure.get().getMessage(), failure.get());
            }
            return microsPerRecordByThread(cpu, records.size());
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
                records.add(new ProducerRecord<>(
                        topic, key.getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, (IndexedRecord)
                                value)));
            }

            @Override
            public void sendRaw(String topic, String key, byte[] value) {
                records.add(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
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
        public void sendRaw(String topic, String key, byte[] value) {}
    }

    private static Map<String, Double> medianByKey(List<Map<String, Double>> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String key : rounds.get(0).keySet()) {
            medians.put(key, median(rounds.stream().mapToDouble(m -> m.get(key)).toArray()));
        }
        return medians;
    }

    /**
     * Microseconds of CPU per record since the meter's start by group of threads: {@code main} (the benchmark's
     * calling thread), the simulator's sending thread, the producers' network threads, the broker and other Java
     * threads, the JIT compilers' threads ({@code jit}), the garbage collector's ({@code gc}) and the rest of the JVM
     * ({@code vm-other}: VM threads, threads that ended during the measurement).
     */
    private static Map<String, Double> microsPerRecordByThread(CpuMeter cpu, long records) {
        Map<String, Long> nanos = cpu.nanosByGroup(SimulateBenchmark::threadGroup);
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String g : new String[] {"main", "simulator-send", "producer-network", "broker-and-other", "jit", "gc"}) {
            groups.put(g, round2(nanos.getOrDefault(g, 0L) / 1e3 / records));
        }
        groups.put("vm-other", round2((nanos.get(CpuMeter.VM) + nanos.get(CpuMeter.UNCHARGED)) / 1e3 / records));
        return groups;
    }

    private static String threadGroup(String name) {
        if (name.equals("main") || name.equals("simulator-send")) {
            return name;
        }
        return name.startsWith("kafka-producer-network-thread") ? "producer-network" : "broker-and-other";
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
