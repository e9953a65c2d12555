package io.mobility.batch.demand;

import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.batch.model.GbtSettings;
import io.mobility.batch.surge.SurgeTrainer;
import io.mobility.lake.ModelRegistry;
import org.apache.spark.sql.SparkSession;

/**
 * {@code batch train [--model demand|surge|all]}: trains, evaluates, registers and (if better than the current
 * version) promotes the demand model and the surge model.
 */
public final class TrainJob implements BatchJob {

    public static final String NAME = "train";

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        JobProgress progress = JobProgress.stdout(NAME);
        String which = options.option("model").orElse("all");
        if (!which.equals("demand") && !which.equals("surge") && !which.equals("all")) {
            throw new IllegalArgumentException("option --model must be demand, surge or all, got '" + which + "'");
        }
        GbtSettings settings = GbtSettings.from(options);
        int holdoutWeeks = (int) options.longOption("holdout-weeks", 2);
        ModelRegistry registry = ModelRegistry.inLake(lake.root(), LakeFiles.of(spark));
        if (!which.equals("surge")) {
            new DemandTrainer(spark, settings, holdoutWeeks, progress).train(lake, registry);
        }
        if (!which.equals("demand")) {
            new SurgeTrainer(spark, settings, holdoutWeeks, progress).train(lake, registry);
        }
        progress.stage("done");
    }
}
