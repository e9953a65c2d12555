package io.mobility.serde;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A recursive record schema with a field of every Avro type and logical type, for the compiled coders' tests. */
final class EveryAvroType {

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Node", "namespace": "t", "fields": [
              {"name": "i", "type": "int"}, {"name": "l", "type": "long"}, {"name": "f", "type": "float"},
              {"name": "d", "type": "double"}, {"name": "b", "type": "boolean"}, {"name": "s", "type": "string"},
              {"name": "js", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "raw", "type": "bytes"}, {"name": "n", "type": "null"},
              {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"], "default": "RED"}},
              {"name": "fx", "type": {"type": "fixed", "name": "Two", "size": 2}},
              {"name": "arr", "type": {"type": "array", "items": ["null", "string", "long"]}},
              {"name": "ints", "type": {"type": "array", "items": "int"}},
              {"name": "m", "type": {"type": "map", "values": "double"}},
              {"name": "recs", "type": {"type": "map", "values": {"type": "array", "items": "Two"}}},
              {"name": "money", "type": ["null", {"type": "bytes", "logicalType": "decimal", \
            "precision": 30, "scale": 3}]},
              {"name": "fixedMoney", "type": {"type": "fixed", "name": "Money", "size": 12, \
            "logicalType": "decimal", "precision": 20, "scale": 4}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "clock", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
              {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "next", "type": ["null", "Node"], "default": null}
            ]}""");

    /** A record of every type; {@code i == 0} gives the empty, zero and minimal values, others the fuller ones. */
    static GenericRecord record(int i, BigDecimal money, GenericRecord next) {
        GenericData model = LogicalTypes.genericDataWithConversions();
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("i", i);
        r.put("l", i == 0 ? Long.MIN_VALUE : -123_456_789_012L);
        r.put("f", 1.5f);
        r.put("d", i == 0 ? -0.0 : Math.PI);
        r.put("b", i != 0);
        r.put("s", i == 0 ? "" : "zöne ✓ 東京");
        r.put("js", "plain");
        r.put("raw", ByteBuffer.wrap((i == 0 ? "" : "xyz").getBytes(StandardCharsets.UTF_8)));
        r.put("n", null);
        r.put(
                "e",
                model.createEnum(i == 0 ? "RED" : "GREEN", SCHEMA.getField("e").schema()));
        r.put(
                "fx",
                model.createFixed(
                        null, new byte[] {9, (byte) 0xff}, SCHEMA.getField("fx").schema()));
        List<Object> items = new ArrayList<>();
        if (i != 0) {
            items.add("a");
            items.add(null);
            items.add(42L);
        }
        r.put("arr", items);
        r.put("ints", i == 0 ? List.of() : List.of(1, -1, Integer.MAX_VALUE));
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("x", 1.0);
        m.put("ÿ", -2.0);
        r.put("m", i == 0 ? Map.of() : m);
        Schema two = SCHEMA.getField("fx").schema();
        r.put("recs", Map.of("k", List.of(model.createFixed(null, new byte[] {1, 2}, two))));
        r.put("money", money);
        r.put("fixedMoney", new BigDecimal("-1234567890123456.7890"));
        r.put("day", LocalDate.of(2026, 11, 27));
        r.put("clock", LocalTime.of(23, 59, 59, 999_000_000));
        r.put("ms", Instant.parse("1969-12-31T23:59:59.999Z"));
        r.put("at", i == 0 ? null : Instant.parse("2026-11-27T04:00:00.123456Z"));
        r.put("local", LocalDateTime.of(2026, 1, 1, 0, 0));
        r.put("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        r.put("next", next);
        return r;
    }

    private EveryAvroType() {}
}
