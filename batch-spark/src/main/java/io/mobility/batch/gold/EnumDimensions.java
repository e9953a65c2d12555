package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.VehicleType;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * dim_payment_method and dim_vehicle_type: one row per symbol of the Avro enum in the event contract. A symbol
 * silver carries that this build does not know maps to UNKNOWN, as Avro readers do.
 */
public final class EnumDimensions {

    private EnumDimensions() {}

    public static List<String> paymentMethods() {
        return Arrays.stream(PaymentMethod.values()).map(Enum::name).toList();
    }

    public static List<String> vehicleTypes() {
        return Arrays.stream(VehicleType.values()).map(Enum::name).toList();
    }

    public static Dataset<Row> paymentMethod(SparkSession spark) {
        return dimension(spark, paymentMethods(), "payment_method")
                .withColumn("is_cash", col("payment_method").equalTo("CASH"))
                .withColumn(
                        "is_charged",
                        col("payment_method")
                                .isin("NO_CHARGE", "DISPUTE", "UNKNOWN")
                                .unary_$bang());
    }

    public static Dataset<Row> vehicleType(SparkSession spark) {
        return dimension(spark, vehicleTypes(), "vehicle_type")
                .withColumn(
                        "seats", when(col("vehicle_type").equalTo("XL"), lit(6)).otherwise(lit(4)));
    }

    /** The known symbol, or UNKNOWN for anything else (including null). */
    public static Column conform(Column symbol, List<String> known) {
        return when(symbol.isin(known.toArray()), symbol).otherwise(lit(SurrogateKeys.UNKNOWN));
    }

    private static Dataset<Row> dimension(SparkSession spark, List<String> symbols, String name) {
        return spark.createDataset(symbols, Encoders.STRING())
                .toDF(name)
                .select(SurrogateKeys.of(col(name)).as(name + "_key"), col(name));
    }
}
