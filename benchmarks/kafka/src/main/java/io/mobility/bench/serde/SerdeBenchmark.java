package io.mobility.bench.serde;

import io.mobility.bench.BenchmarkReport;
import io.mobility.bench.CpuMeter;
import io.mobility.events.ride.RideEvent;
import io.mobility.registry.SchemaRegistryClient;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * {@code ./mobility bench serde}: ride events decoded per second by the wire-format deserializer with its compiled
 * reader, against the same deserializer on Avro's own reader ({@code avro.compiled.reader=false}), on the same bytes
 * in the same run; then, as before, ride events serialized and deserialized per second through the serde against
 * plain Avro {@code BinaryEncoder}/{@code BinaryDecoder}. Rounds of each pair alternate so that machine noise hits
 * both; the medians of the rates, of the per-round ratios and of the CPU time per record (the process's, which a
 * shared machine's load inflates less than wall time) and of the bytes allocated per record are reported.
 */
public final class SerdeBenchmark {

    private static final String TOPIC = "mobility.ride-events.raw";

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            return;
        }
        List<RideEvent> events = RideEventSamples.rideEvents(options.distinctRecords, 42);
        try (RegistryForBench registry = RegistryForBench.start(options.registryUrl)) {
            System.out.println("registry: " + registry.description());
            SchemaRegistryClient client = registry.client();
            AvroSerializer<RideEvent> serializer = new AvroSerializer<>(client);
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://unused"), false);
            AvroDeserializer<RideEvent> deserializer = new AvroDeserializer<>(client, RideEvent.class);
            AvroDeserializer<RideEvent> avroReader = new AvroDeserializer<>(client, RideEvent.class);
            avroReader.configure(
                    Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://unused", AvroSerdeConfig.COMPILED_READER, false),
                    false);
            PlainAvro plain = new PlainAvro();
            byte[][] payloads =
                    events.stream().map(e -> serializer.serialize(TOPIC, e)).toArray(byte[][]::new);
            long payloadBytes = Arrays.stream(payloads).mapToLong(p -> p.length).sum();
            for (int i = 0; i < payloads.length; i++) {
                if (!deserializer.deserialize(TOPIC, payloads[i]).equals(events.get(i))
                        || !avroReader.deserialize(TOPIC, payloads[i]).equals(events.get(i))) {
                    throw new IllegalStateException("record " + i + " does not decode to what was encoded");
                }
            }

            Round compiledDecode = records -> {
                for (int i = 0; i < records; i++) {
                    blackhole(deserializer.deserialize(TOPIC, payloads[i % payloads.length]));
                }
                return 0;
            };
            Round avroDecode = records -> {
                for (int i = 0; i < records; i++) {
                    blackhole(avroReader.deserialize(TOPIC, payloads[i % payloads.length]));
                }
                return 0;
            };
            Round serde = records -> {
                long bytes = 0;
                for (int i = 0; i < records; i++) {
                    byte[] data = serializer.serialize(TOPIC, events.get(i % events.size()));
                    bytes += data.length;
                    blackhole(deserializer.deserialize(TOPIC, data));
                }
                return bytes;
            };
            Round baseline = records -> {
                long bytes = 0;
                for (int i = 0; i < records; i++) {
                    byte[] data = plain.serialize(events.get(i % events.size()));
                    bytes += data.length;
                    blackhole(plain.deserialize(data));
                }
                return bytes;
            };

            System.out.printf("warming up (%d records each)%n", options.warmupRecords);
            compiledDecode.run(options.warmupRecords);
            avroDecode.run(options.warmupRecords);
            serde.run(options.warmupRecords);
            baseline.run(options.warmupRecords);

            System.out.println("decode: compiled reader against Avro's reader");
            Pair decode = alternate(options, "compiled reader", compiledDecode, "Avro's reader", avroDecode);
            System.out.println("round trip: serde (serialize + deserialize) against plain Avro");
            Pair roundTrip = alternate(options, "serde", serde, "plain Avro", baseline);
            System.out.println("checksum of decoded records: " + sink);

            new BenchmarkReport("serde")
                    .rates("records_per_s", decode.rate(), "baseline_records_per_s", decode.baselineRate())
                    // each round's pair ran back to back, so their ratio is steadier than a ratio of medians
                    .put("ratio", round3(decode.ratio()))
                    .put("measured", "decode: compiled reader (records_per_s) vs Avro's reader (baseline)")
                    .put("cpu_ns_per_record", Math.round(decode.cpuNanos()))
                    .put("baseline_cpu_ns_per_record", Math.round(decode.baselineCpuNanos()))
                    .put("cpu_ratio", round3(decode.baselineCpuNanos() / decode.cpuNanos()))
                    .put("allocated_bytes_per_record", Math.round(decode.allocated()))
                    .put("baseline_allocated_bytes_per_record", Math.round(decode.baselineAllocated()))
                    .put("roundtrip_records_per_s", Math.round(roundTrip.rate()))
                    .put("roundtrip_plain_avro_records_per_s", Math.round(roundTrip.baselineRate()))
                    .put("roundtrip_ratio", round3(roundTrip.ratio()))
                    .put("records_per_round", options.recordsPerRound)
                    .put("rounds", options.rounds)
                    .put("bytes_per_record", Math.round(payloadBytes / (double) payloads.length * 10) / 10.0)
                    .put("registry", registry.description())
                    .print();
        }
    }

    /**
     * Median figures of alternating rounds: rates, the per-round ratio, CPU time per record of the whole process
     * (garbage collection runs on its own threads, and allocation is most of what differs between readers) and bytes
     * allocated per record by this thread.
     */
    private record Pair(
            double rate,
            double baselineRate,
            double ratio,
            double cpuNanos,
            double baselineCpuNanos,
            double allocated,
            double baselineAllocated) {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One round's figures. */
    private record Sample(double rate, double cpuNanos, double allocated) {
        static Sample of(Round round, int records) {
            CpuMeter cpu = CpuMeter.start();
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            round.run(records);
            double rate = records / seconds(start);
            return new Sample(
                    rate,
                    cpu.processNanos() / (double) records,
                    (THREADS.getCurrentThreadAllocatedBytes() - allocated) / (double) records);
        }
    }

    private static Pair alternate(Options options, String name, Round measured, String baselineName, Round baseline) {
        int n = options.rounds;
        Sample[] samples = new Sample[n];
        Sample[] baselineSamples = new Sample[n];
        double[] ratios = new double[n];
        for (int round = 0; round < n; round++) {
            baselineSamples[round] = Sample.of(baseline, options.recordsPerRound);
            samples[round] = Sample.of(measured, options.recordsPerRound);
            ratios[round] = samples[round].rate() / baselineSamples[round].rate();
            System.out.printf(
                    "round %d/%d: %s %s rec/s (%,.0f ns CPU, %,.0f B allocated per record), "
                            + "%s %s rec/s (%,.0f ns CPU, %,.0f B per record)%n",
                    round + 1,
                    n,
                    name,
                    BenchmarkReport.format(samples[round].rate()),
                    samples[round].cpuNanos(),
                    samples[round].allocated(),
                    baselineName,
                    BenchmarkReport.format(baselineSamples[round].rate()),
                    baselineSamples[round].cpuNanos(),
                    baselineSamples[round].allocated());
        }
        return new Pair(
                median(samples, Sample::rate),
                median(baselineSamples, Sample::rate),
                median(ratios),
                median(samples, Sample::cpuNanos),
                median(baselineSamples, Sample::cpuNanos),
                median(samples, Sample::allocated),
                median(baselineSamples, Sample::allocated));
    }

    private static double median(Sample[] samples, java.util.function.ToDoubleFunction<Sample> figure) {
        return median(Arrays.stream(samples).mapToDouble(figure).toArray());
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static long sink;

    /** Keeps the JIT from discarding work whose result nobody reads. */
    private static void blackhole(RideEvent event) {
        sink += event.getEventId().length();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @FunctionalInterface
    private interface Round {
        long run(int records);
    }

    /** The baseline: Avro's own encoder and decoder, reused as a careful hand-written producer would. */
    private static final class PlainAvro {
        private final SpecificDatumWriter<RideEvent> writer = new SpecificDatumWriter<>(RideEvent.class);
        private final SpecificDatumReader<RideEvent> reader = new SpecificDatumReader<>(RideEvent.class);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        byte[] serialize(RideEvent event) {
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            try {
                writer.write(event, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        RideEvent deserialize(byte[] data) {
            decoder = DecoderFactory.get().binaryDecoder(data, decoder);
            try {
                return reader.read(null, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Options(
            int recordsPerRound, int rounds, int warmupRecords, int distinctRecords, String registryUrl) {

        static Options parse(String[] args) {
            int records = 300_000;
            int rounds = 5;
            int warmup = 300_000;
            int distinct = 10_000;
            String registryUrl = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--records" -> records = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--distinct" -> distinct = Integer.parseInt(args[++i]);
                    case "--registry-url" -> registryUrl = args[++i];
                    case "--help", "-h" -> {
                        System.out.println("""
                                usage: ./mobility bench serde [--records N] [--rounds N] [--warmup N] [--distinct N]
                                                              [--registry-url URL]
                                  Decode ride events with the deserializer's compiled reader against the same
                                  deserializer on Avro's reader (the ratio in the JSON), then serialize + deserialize
                                  through the serde against plain Avro BinaryEncoder/BinaryDecoder (roundtrip_*);
                                  alternating rounds, median rates and CPU time per record.
                                  --records       records per round (300000)
                                  --rounds        rounds of each (5)
                                  --warmup        records of warm-up for each (300000)
                                  --distinct      distinct ride events cycled through (10000)
                                  --registry-url  an existing registry; default: an in-process one on a real broker""");
                        return null;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(records, rounds, warmup, distinct, registryUrl);
        }
    }
}
