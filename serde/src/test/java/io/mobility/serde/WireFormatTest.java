package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.geo.GeoPoint;
import io.mobility.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    /** Bytes as Confluent's serializer writes them, built by hand: magic 0, big-endian id, Avro binary. */
    private static byte[] handBuilt(int schemaId, double lat, double lon) {
        ByteBuffer avro = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN); // Avro doubles: 8 bytes LE
        avro.putDouble(lat).putDouble(lon);
        return ByteBuffer.allocate(21)
                .put((byte) 0)
                .putInt(schemaId)
                .put(avro.array())
                .array();
    }

    @Test
    void serializerWritesMagicByteBigEndianIdAndAvroBinary() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("unrelated-value", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING));
        AvroSerializer<GeoPoint> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://unused"), false);

        byte[] bytes = serializer.serialize("points", new GeoPoint(40.5, -73.25));

        int id = registry.latest("points-value").id();
        assertThat(id).isEqualTo(2);
        assertThat(bytes).containsExactly(handBuilt(id, 40.5, -73.25));
    }

    @Test
    void deserializerReadsHandBuiltBytes() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int id = registry.register("points-value", GeoPoint.getClassSchema());
        AvroDeserializer<GeoPoint> deserializer = new AvroDeserializer<>(registry, GeoPoint.class);

        GeoPoint point = deserializer.deserialize("points", handBuilt(id, 1.5, 2.25));

        assertThat(point).isEqualTo(new GeoPoint(1.5, 2.25));
    }

    @Test
    void headerOfLargeIdUsesAllFourBytes() {
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, 0x01020304);
        assertThat(header).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.schemaId(header, "t")).isEqualTo(0x01020304);
    }

    @Test
    void bytesWithoutMagicByteAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {'{', '"', 'a', '"', ':'}, "raw"))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("topic 'raw'")
                .hasMessageContaining("0x7b")
                .extracting(e -> ((AvroDecodeException) e).reason())
                .isEqualTo(AvroDecodeException.Reason.BAD_MAGIC_BYTE);
    }

    @Test
    void bytesShorterThanTheHeaderAreRefused() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}, "raw"))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("3 bytes")
                .extracting(e -> ((AvroDecodeException) e).reason())
                .isEqualTo(AvroDecodeException.Reason.TOO_SHORT);
    }
}
