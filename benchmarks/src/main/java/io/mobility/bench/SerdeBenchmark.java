package io.mobility.bench;

import io.mobility.events.ride.RideEvent;
import io.mobility.registry.SchemaRegistryClient;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code ./mobility bench serde}: ride events serialized and deserialized per second through the wire-format serde
 * with a warm registry cache, against plain Avro {@code BinaryEncoder}/{@code BinaryDecoder} on the same records.
 * Rounds of the two alternate so that machine noise hits both; the medians of the rates and of the per-round ratios
 * are reported.
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
            PlainAvro plain = new PlainAvro();

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
            serde.run(options.warmupRecords);
            baseline.run(options.warmupRecords);

            double[] serdeRates = new double[options.rounds];
            double[] baselineRates = new double[options.rounds];
            long serdeBytes = 0;
            long baselineBytes = 0;
            for (int round = 0; round < options.rounds; round++) {
                long start = System.nanoTime();
                baselineBytes = baseline.run(options.recordsPerRound);
                baselineRates[round] = options.recordsPerRound / seconds(start);
                start = System.nanoTime();
                serdeBytes = serde.run(options.recordsPerRound);
                serdeRates[round] = options.recordsPerRound / seconds(start);
                System.out.printf("round %d/%d: serde %s rec/s, plain Avro %s rec/s%n", round + 1, options.rounds,
                        BenchmarkReport.format(serdeRates[round]), BenchmarkReport.format(baselineRates[round]));
            }
            System.out.println("checksum of decoded records: " + sink);
            double[] pairedRatios = new double[options.rounds];
            for (int round = 0; round < options.rounds; round++) {
                pairedRatios[round] = serdeRates[round] / baselineRates[round];
            }
            new BenchmarkReport("serde")
                    .rates("records_per_s", median(serdeRates), "baseline_records_per_s", median(baselineRates))
                    // each round's pair ran back to back, so their ratio is steadier than a ratio of medians
                    .put("ratio", Math.round(median(pairedRatios) * 1000) / 1000.0)
                    .put("records_per_round", options.recordsPerRound)
                    .put("rounds", options.rounds)
                    .put("bytes_per_record", Math.round(serdeBytes / (double) options.recordsPerRound * 10) / 10.0)
                    .put("baseline_bytes_per_record",
                            Math.round(baselineBytes / (double) options.recordsPerRound * 10) / 10.0)
                    .put("registry", registry.description())
                    .print();
        }
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

    private record Options(int recordsPerRound, int rounds, int warmupRecords, int distinctRecords, String registryUrl) {

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
                                  Serialize + deserialize ride events through the Confluent wire-format serde against
                                  plain Avro BinaryEncoder/BinaryDecoder, alternating rounds; prints the median rates.
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
