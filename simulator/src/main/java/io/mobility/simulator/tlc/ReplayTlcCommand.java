package io.mobility.simulator.tlc;

import io.mobility.events.Topics;
import io.mobility.simulator.Progress;
import io.mobility.simulator.kafka.KafkaEventSink;
import io.mobility.simulator.kafka.KafkaOptions;
import io.mobility.simulator.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mobility replay-tlc FILE...}: replay NYC TLC trip records as ride events. */
@Command(
        name = "replay-tlc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays NYC TLC yellow or green trip records (CSV or Parquet; official column names or snake_case) as",
            "ride events: requested shortly before pickup, assigned, started at pickup, completed at dropoff with the",
            "record's amounts. Times are New York local time, sent as UTC. The TLC zones are published first.",
            "Trips with unknown zones, inverted times or impossible amounts are counted by reason and sent as the",
            "faulty events they are; unreadable rows are reported and skipped. A JSON report is written at the end."
        })
public final class ReplayTlcCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "TLC trip files (.csv or .parquet)")
    List<Path> files;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--report",
            defaultValue = ".mobility/tlc-replay-report.json",
            description = "report file (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--skip-zones", description = "do not publish the TLC zones first")
    boolean skipZones;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayTlcCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.err.println("replay-tlc: no such file: " + f);
                return 2;
            }
        }
        try {
            return replay();
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("replay-tlc: " + e.getMessage());
            return 1;
        }
    }

    private int replay() throws Exception {
        kafka.ensureTopics(List.of(Topics.ZONES, Topics.RIDE_EVENTS_RAW));
        Progress progress = new Progress(System.out, "replay-tlc", 2000);
        try (KafkaEventSink sink = kafka.openSink()) {
            TlcReplay replay = new TlcReplay(sink, "dev", progress);
            if (!skipZones) {
                replay.publishZones(Instant.now());
            }
            for (Path f : files) {
                System.out.println("[replay-tlc] " + f);
                replay.replay(f);
            }
            Manifest manifest = replay.finish();
            manifest.write(report);
            System.out.printf(
                    "[replay-tlc] %,d trips read, %,d valid, rejected %s; %,d records sent; report %s%n",
                    replay.tripsRead(),
                    replay.tripsValid(),
                    replay.rejectedByReason(),
                    manifest.totalRecords(),
                    report.toAbsolutePath());
        }
        return 0;
    }
}
