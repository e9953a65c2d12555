package io.mobility.sink;

import io.mobility.delta.PosixLogStore;
import io.mobility.sink.delta.DeltaTable;
import io.mobility.sink.delta.StandaloneDeltaTable;
import io.mobility.sink.table.Partitioner;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Opens the Delta table at a location, as configured. */
@FunctionalInterface
interface TableOpener {

    DeltaTable open(String location);

    static TableOpener standalone(DeltaSinkConfig config) {
        Configuration conf = new Configuration();
        // Connect loads the plugin in its own class loader; Hadoop must find its classes and defaults there.
        conf.setClassLoader(TableOpener.class.getClassLoader());
        conf.set("parquet.avro.write-old-list-structure", "false");
        // Put-if-absent that holds between tasks on local and mounted disks; delta.hadoop.* may name another.
        conf.set("delta.logStore.file.impl", PosixLogStore.class.getName());
        config.hadoopSettings().forEach(conf::set);
        Map<String, String> properties =
                Map.of("delta.checkpointInterval", Integer.toString(config.checkpointInterval()));
        Partitioner partitioner =
                new Partitioner(config.partitionMode(), config.partitionField(), config.partitionColumn());
        return location -> new StandaloneDeltaTable(
                conf,
                location,
                partitioner.partitionColumns(),
                properties,
                config.autoCreate(),
                config.commitMaxRetries());
    }
}
