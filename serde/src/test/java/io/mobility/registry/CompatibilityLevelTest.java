package io.mobility.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
    private static final Schema V2_OPTIONAL_ADDED = record(
            "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");
    private static final Schema V2_REQUIRED_ADDED =
            record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
    private static final Schema V3_A_DROPPED = record("{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");

    @Test
    void backwardAllowsANewOptionalFieldAndRefusesANewRequiredOne() {
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(V2_OPTIONAL_ADDED, List.of(V1)))
                .isEmpty();
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(V2_REQUIRED_ADDED, List.of(V1)))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("b");
    }

    @Test
    void forwardRefusesDroppingAFieldOldReadersNeed() {
        assertThat(CompatibilityLevel.FORWARD.incompatibilities(V3_A_DROPPED, List.of(V2_OPTIONAL_ADDED)))
                .singleElement()
                .asString()
                .contains("an earlier schema cannot read");
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(V3_A_DROPPED, List.of(V2_OPTIONAL_ADDED)))
                .isEmpty();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionNotOnlyTheLatest() {
        Schema v1Int = record("{\"name\":\"a\",\"type\":\"int\"}");
        Schema v2Optional = record("{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");
        Schema v3StringA = record("{\"name\":\"a\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");

        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(v3StringA, List.of(v1Int, v2Optional)))
                .isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibilities(v3StringA, List.of(v1Int, v2Optional)))
                .isNotEmpty();
    }

    @Test
    void noneAllowsAnything() {
        assertThat(CompatibilityLevel.NONE.incompatibilities(record("{\"name\":\"a\",\"type\":\"long\"}"), List.of(V1)))
                .isEmpty();
    }

    @Test
    void parsingNamesTheValidLevels() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .hasMessageContaining("SIDEWAYS")
                .hasMessageContaining("BACKWARD");
    }
}
