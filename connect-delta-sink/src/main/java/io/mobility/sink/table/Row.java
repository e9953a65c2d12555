package io.mobility.sink.table;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * One row to land: the record's value plus the columns the sink adds (audit, derived partition date). Columns are
 * looked up by name so that a row written with an older, narrower record schema fills a wider table (missing
 * optional columns are null).
 */
public record Row(Struct value, Map<String, Object> added) {

    public Object get(String column) {
        if (added.containsKey(column)) {
            return added.get(column);
        }
        Field field = value.schema().field(column);
        return field == null ? null : value.get(field);
    }
}
