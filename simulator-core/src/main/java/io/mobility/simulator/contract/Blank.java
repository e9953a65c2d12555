package io.mobility.simulator.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * New generated records with every field that has a schema default set to it, as the generated builders do but
 * without their per-call validation and copying: producers set the fields they know, and fields added to the
 * contract later (with defaults, as BACKWARD evolution requires) are still valid when written.
 */
public final class Blank {

    private record Template(Schema schema, int[] positions, Object[] defaults) {}

    private static final Map<Class<?>, Template> TEMPLATES = new ConcurrentHashMap<>();

    private Blank() {}

    public static <T extends SpecificRecordBase> T of(Class<T> type) {
        Template t = TEMPLATES.computeIfAbsent(type, Blank::template);
        @SuppressWarnings("unchecked")
        T record = (T) SpecificData.get().newRecord(null, t.schema);
        for (int i = 0; i < t.positions.length; i++) {
            Object value = t.defaults[i];
            // containers are copied so that no two records share a mutable default
            record.put(
                    t.positions[i],
                    value instanceof List<?> || value instanceof Map<?, ?>
                            ? SpecificData.get()
                                    .deepCopy(
                                            t.schema
                                                    .getFields()
                                                    .get(t.positions[i])
                                                    .schema(),
                                            value)
                            : value);
        }
        return record;
    }

    private static Template template(Class<?> type) {
        Schema schema = SpecificData.get().getSchema(type);
        List<Integer> positions = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            if (f.hasDefaultValue()) {
                positions.add(f.pos());
                defaults.add(SpecificData.get().getDefaultValue(f));
            }
        }
        return new Template(
                schema, positions.stream().mapToInt(Integer::intValue).toArray(), defaults.toArray());
    }
}
