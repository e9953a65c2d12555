package io.mobility.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/** Avro data models that know the logical types the contract uses (decimal, timestamps, dates, uuid). */
final class LogicalTypes {

    private static final GenericData WITH_CONVERSIONS = create();

    private LogicalTypes() {}

    /**
     * A generic model converting logical types. Writers accept both raw values (ByteBuffer, Long) and converted ones
     * (BigDecimal, Instant), because Avro picks a conversion by the datum's class.
     */
    static GenericData genericDataWithConversions() {
        return WITH_CONVERSIONS;
    }

    private static GenericData create() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
