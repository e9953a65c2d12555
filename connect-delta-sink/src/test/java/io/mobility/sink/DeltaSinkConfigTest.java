package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DeltaSinkConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "bronze");
        props.put(DeltaSinkConfig.TABLE_ROOT, "/lake");
        return props;
    }

    @Test
    void defaultsNeedOnlyATableRoot() {
        DeltaSinkConfig config = new DeltaSinkConfig(minimal());
        assertThat(config.router().tablePath("t")).isEqualTo("/lake/t");
        assertThat(config.appId()).isEqualTo("bronze");
        assertThat(config.partitionColumn()).isNull();
        assertThat(config.flushRecords()).isEqualTo(100_000);
        assertThat(config.flushIdleMs()).isEqualTo(1_000);
    }

    @Test
    void s3aCredentialsArePasswordsAndReachHadoop() {
        Map<String, String> props = minimal();
        props.put(DeltaSinkConfig.TABLE_ROOT, "s3a://bucket/lake");
        props.put(DeltaSinkConfig.S3A_ACCESS_KEY, "AKIA");
        props.put(DeltaSinkConfig.S3A_SECRET_KEY, "s3cr3t");
        props.put("delta.hadoop.fs.s3a.path.style.access", "true");
        DeltaSinkConfig config = new DeltaSinkConfig(props);
        assertThat(config.toString()).doesNotContain("s3cr3t");
        assertThat(config.hadoopSettings())
                .containsEntry("fs.s3a.secret.key", "s3cr3t")
                .containsEntry("fs.s3a.access.key", "AKIA")
                .containsEntry("fs.s3a.path.style.access", "true");
    }

    @Test
    void everyBadSettingIsReportedUnderItsName() {
        Map<String, String> props = minimal();
        props.put(DeltaSinkConfig.TABLE_ROOT, "s3://bucket/lake");
        props.put(DeltaSinkConfig.PARTITION_MODE, "by-hour");
        props.put(DeltaSinkConfig.TABLE_OVERRIDES, "no-colon");
        props.put(DeltaSinkConfig.FLUSH_RECORDS, "0");
        Map<String, ConfigValue> values = validate(props);
        assertThat(values.get(DeltaSinkConfig.TABLE_ROOT).errorMessages())
                .singleElement()
                .asString()
                .contains("s3a://, not s3://");
        assertThat(values.get(DeltaSinkConfig.PARTITION_MODE).errorMessages())
                .singleElement()
                .asString()
                .contains("by-hour");
        assertThat(values.get(DeltaSinkConfig.TABLE_OVERRIDES).errorMessages())
                .singleElement()
                .asString()
                .contains("'no-colon' is not topic:path");
        assertThat(values.get(DeltaSinkConfig.FLUSH_RECORDS).errorMessages())
                .singleElement()
                .asString()
                .contains("at least 1");
    }

    @Test
    void settingsThatOnlyWorkTogetherAreCheckedTogether() {
        Map<String, String> props = minimal();
        props.put(DeltaSinkConfig.PARTITION_MODE, "event-date");
        props.put(DeltaSinkConfig.S3A_ACCESS_KEY, "AKIA");
        Map<String, ConfigValue> values = validate(props);
        assertThat(values.get(DeltaSinkConfig.PARTITION_FIELD).errorMessages())
                .singleElement()
                .asString()
                .contains("required when delta.partition.mode is event-date");
        assertThat(values.get(DeltaSinkConfig.S3A_SECRET_KEY).errorMessages())
                .singleElement()
                .asString()
                .contains("go together");
        assertThat(values.get(DeltaSinkConfig.TABLE_ROOT).errorMessages())
                .singleElement()
                .asString()
                .contains("not an s3a:// location");
        assertThatThrownBy(() -> new DeltaSinkConfig(props)).isInstanceOf(ConfigException.class);
    }

    @Test
    void partitionSettingsAreShownOnlyForTheModesThatUseThem() {
        Map<String, String> props = minimal();
        props.put(DeltaSinkConfig.PARTITION_MODE, "ingest-date");
        Map<String, ConfigValue> values = validate(props);
        assertThat(values.get(DeltaSinkConfig.PARTITION_FIELD).visible()).isFalse();
        assertThat(values.get(DeltaSinkConfig.PARTITION_COLUMN).visible()).isTrue();
        assertThat(values.get(DeltaSinkConfig.PARTITION_MODE).recommendedValues())
                .containsExactly("none", "field", "event-date", "ingest-date");
        assertThat(new DeltaSinkConfig(props).partitionColumn()).isEqualTo("ingest_date");
    }

    private static Map<String, ConfigValue> validate(Map<String, String> props) {
        List<ConfigValue> values = new DeltaSinkConnector().validate(props).configValues();
        Map<String, ConfigValue> byName = new HashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        return byName;
    }
}
