package io.mobility.sink;

import io.mobility.sink.table.PartitionMode;
import io.mobility.sink.table.TableRouter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the Delta sink, under the {@code delta.} prefix. Single settings are checked by the
 * {@link ConfigDef}'s validators; settings that only make sense together are checked by {@link #crossCheck}, which
 * both the connector's REST validation and the task's start use, so a bad combination is reported by name.
 */
public final class DeltaSinkConfig extends AbstractConfig {

    public static final String TABLE_ROOT = "delta.table.root";
    public static final String TABLE_PATH_TEMPLATE = "delta.table.path.template";
    public static final String TABLE_OVERRIDES = "delta.table.overrides";
    public static final String TABLE_AUTO_CREATE = "delta.table.auto.create";
    public static final String SCHEMA_EVOLUTION = "delta.schema.evolution";
    public static final String PARTITION_MODE = "delta.partition.mode";
    public static final String PARTITION_FIELD = "delta.partition.field";
    public static final String PARTITION_COLUMN = "delta.partition.column";
    public static final String AUDIT_COLUMNS = "delta.audit.columns";
    public static final String FLUSH_RECORDS = "delta.flush.records";
    public static final String FLUSH_BYTES = "delta.flush.bytes";
    public static final String FLUSH_INTERVAL_MS = "delta.flush.interval.ms";
    public static final String FLUSH_IDLE_MS = "delta.flush.idle.ms";
    public static final String FILE_TARGET_BYTES = "delta.file.target.bytes";
    public static final String CHECKPOINT_INTERVAL = "delta.checkpoint.interval";
    public static final String COMMIT_MAX_RETRIES = "delta.commit.max.retries";
    public static final String APP_ID = "delta.app.id";
    public static final String S3A_ACCESS_KEY = "delta.s3a.access.key";
    public static final String S3A_SECRET_KEY = "delta.s3a.secret.key";
    public static final String S3A_ENDPOINT = "delta.s3a.endpoint";
    /** Any {@code delta.hadoop.<key>} is passed to Hadoop as {@code <key>} (e.g. HDFS or s3a tuning). */
    public static final String HADOOP_PREFIX = "delta.hadoop.";
    /** Connect's connector name, used as the default transaction app id. */
    public static final String CONNECTOR_NAME = "name";

    private static final String ROUTING = "Routing";
    private static final String PARTITIONING = "Partitioning";
    private static final String COMMITS = "Flush and commit";
    private static final String STORAGE = "Storage credentials";
    private static final Set<String> SCHEMES = Set.of("file", "hdfs", "s3a");

    public static final ConfigDef DEFINITION = definition();

    public DeltaSinkConfig(Map<String, String> props) {
        super(DEFINITION, props);
        Map<String, List<String>> problems = crossCheck(props);
        if (!problems.isEmpty()) {
            Map.Entry<String, List<String>> first =
                    problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), props.get(first.getKey()), String.join("; ", first.getValue()));
        }
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                TABLE_ROOT,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new TableRootValidator(),
                Importance.HIGH,
                "Where the tables live: a local path (/data/lake or file:///data/lake), hdfs://namenode/lake or "
                        + "s3a://bucket/lake. Table paths are resolved under it.",
                ROUTING,
                ++order,
                Width.LONG,
                "Table root");
        def.define(
                TABLE_PATH_TEMPLATE,
                Type.STRING,
                "${topic}",
                new PathTemplateValidator(),
                Importance.HIGH,
                "Path of a topic's table under the root; ${topic} is replaced by the topic name, e.g. bronze/${topic}.",
                ROUTING,
                ++order,
                Width.MEDIUM,
                "Table path template");
        def.define(
                TABLE_OVERRIDES,
                Type.LIST,
                "",
                new OverridesValidator(),
                Importance.MEDIUM,
                "Per-topic table paths that replace the template, as comma-separated topic:path pairs, e.g. "
                        + "mobility.ride-events.raw:bronze/ride_events. A relative path is under the root.",
                ROUTING,
                ++order,
                Width.LONG,
                "Per-topic table paths");
        def.define(
                TABLE_AUTO_CREATE,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "Create a missing table from the first record's schema. When false a missing table fails the task.",
                ROUTING,
                ++order,
                Width.SHORT,
                "Auto-create tables");
        def.define(
                SCHEMA_EVOLUTION,
                Type.BOOLEAN,
                true,
                Importance.MEDIUM,
                "Add a nullable column when records gain an optional field. Incompatible changes (a type change, a "
                        + "dropped required field, a new required field) are always refused.",
                ROUTING,
                ++order,
                Width.SHORT,
                "Schema evolution");

        order = 0;
        def.define(
                PARTITION_MODE,
                Type.STRING,
                PartitionMode.NONE.configName(),
                ConfigDef.CaseInsensitiveValidString.in(
                        PartitionMode.configNames().toArray(String[]::new)),
                Importance.HIGH,
                "How rows are partitioned: none; field (by the value of "
                        + PARTITION_FIELD + "); event-date (by the UTC date of the timestamp field " + PARTITION_FIELD
                        + "); ingest-date (by the UTC date the sink wrote the row).",
                PARTITIONING,
                ++order,
                Width.SHORT,
                "Partition mode",
                List.of(PARTITION_FIELD, PARTITION_COLUMN),
                new ConstantRecommender(PartitionMode.configNames()));
        def.define(
                PARTITION_FIELD,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "The top-level record field to partition by (mode field), or the timestamp field whose date is the "
                        + "partition (mode event-date), e.g. event_time.",
                PARTITIONING,
                ++order,
                Width.MEDIUM,
                "Partition field",
                new ModeRecommender(Set.of(PartitionMode.FIELD, PartitionMode.EVENT_DATE)));
        def.define(
                PARTITION_COLUMN,
                Type.STRING,
                null,
                Importance.LOW,
                "Name of the date partition column; defaults to event_date (mode event-date) or ingest_date "
                        + "(mode ingest-date).",
                PARTITIONING,
                ++order,
                Width.MEDIUM,
                "Partition column",
                new ModeRecommender(Set.of(PartitionMode.EVENT_DATE, PartitionMode.INGEST_DATE)));
        def.define(
                AUDIT_COLUMNS,
                Type.BOOLEAN,
                false,
                Importance.MEDIUM,
                "Add the bronze audit columns _kafka_topic, _kafka_partition, _kafka_offset, _kafka_timestamp and "
                        + "_ingested_at to every row.",
                PARTITIONING,
                ++order,
                Width.SHORT,
                "Audit columns");

        order = 0;
        def.define(
                FLUSH_RECORDS,
                Type.INT,
                100_000,
                ConfigDef.Range.atLeast(1),
                Importance.MEDIUM,
                "Commit a table as soon as it holds this many uncommitted records (checked per record, so a commit "
                        + "holds exactly this many).",
                COMMITS,
                ++order,
                Width.SHORT,
                "Flush records");
        def.define(
                FLUSH_BYTES,
                Type.LONG,
                64L << 20,
                ConfigDef.Range.atLeast(1024),
                Importance.MEDIUM,
                "Commit a table once its open Parquet files buffer this many bytes.",
                COMMITS,
                ++order,
                Width.SHORT,
                "Flush bytes");
        def.define(
                FLUSH_INTERVAL_MS,
                Type.LONG,
                60_000L,
                ConfigDef.Range.atLeast(10),
                Importance.MEDIUM,
                "Commit a table at the latest this long after its first uncommitted record.",
                COMMITS,
                ++order,
                Width.SHORT,
                "Flush interval (ms)");
        def.define(
                FLUSH_IDLE_MS,
                Type.LONG,
                1_000L,
                ConfigDef.Range.atLeast(0),
                Importance.MEDIUM,
                "Commit what the task holds once its topics have had nothing new for this long: the task has "
                        + "caught up, so a reader need not wait for the flush interval. 0 turns it off (only "
                        + "records, bytes and the interval commit); raise it for sparse topics to get fewer, "
                        + "larger files.",
                COMMITS,
                ++order,
                Width.SHORT,
                "Flush when idle (ms)");
        def.define(
                FILE_TARGET_BYTES,
                Type.LONG,
                128L << 20,
                ConfigDef.Range.atLeast(1024),
                Importance.LOW,
                "Start a new Parquet file once the current one reaches this size.",
                COMMITS,
                ++order,
                Width.SHORT,
                "Target file size (bytes)");
        def.define(
                CHECKPOINT_INTERVAL,
                Type.INT,
                10,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Write a Delta checkpoint every this many commits (table property delta.checkpointInterval of "
                        + "tables the sink creates).",
                COMMITS,
                ++order,
                Width.SHORT,
                "Checkpoint interval");
        def.define(
                COMMIT_MAX_RETRIES,
                Type.INT,
                10,
                ConfigDef.Range.atLeast(0),
                Importance.LOW,
                "How often a commit that lost a race with another writer (another task, an OPTIMIZE) is retried.",
                COMMITS,
                ++order,
                Width.SHORT,
                "Commit retries");
        def.define(
                APP_ID,
                Type.STRING,
                null,
                Importance.LOW,
                "Prefix of the Delta transaction ids (one per topic-partition) that make commits exactly-once; "
                        + "defaults to the connector name. Keep it stable across renames to keep exactly-once.",
                COMMITS,
                ++order,
                Width.MEDIUM,
                "Transaction app id");

        order = 0;
        def.define(
                S3A_ACCESS_KEY,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Access key for s3a:// table roots (fs.s3a.access.key); set both keys or neither (then the "
                        + "default AWS credential chain is used).",
                STORAGE,
                ++order,
                Width.MEDIUM,
                "S3 access key");
        def.define(
                S3A_SECRET_KEY,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Secret key for s3a:// table roots (fs.s3a.secret.key); set both keys or neither (then the "
                        + "default AWS credential chain is used).",
                STORAGE,
                ++order,
                Width.MEDIUM,
                "S3 secret key");
        def.define(
                S3A_ENDPOINT,
                Type.STRING,
                null,
                Importance.LOW,
                "S3-compatible endpoint (fs.s3a.endpoint), e.g. for MinIO.",
                STORAGE,
                ++order,
                Width.MEDIUM,
                "S3 endpoint");
        return def;
    }

    /** Problems with combinations of settings, by the setting to blame; empty when all is well. */
    public static Map<String, List<String>> crossCheck(Map<String, String> props) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        PartitionMode mode = null;
        try {
            mode = PartitionMode.parse(props.getOrDefault(PARTITION_MODE, PartitionMode.NONE.configName()));
        } catch (IllegalArgumentException e) {
            // the validator of the setting itself reports it
        }
        String field = props.get(PARTITION_FIELD);
        boolean hasField = field != null && !field.isBlank();
        if ((mode == PartitionMode.FIELD || mode == PartitionMode.EVENT_DATE) && !hasField) {
            add(
                    problems,
                    PARTITION_FIELD,
                    PARTITION_FIELD + " is required when " + PARTITION_MODE + " is " + mode.configName());
        }
        if (hasField && field.contains(".")) {
            add(
                    problems,
                    PARTITION_FIELD,
                    "Partition field '" + field
                            + "' must be a top-level field: Delta partitions by top-level columns only");
        }
        String root = props.get(TABLE_ROOT);
        boolean s3 = root != null && root.startsWith("s3a://");
        boolean hasAccess =
                props.get(S3A_ACCESS_KEY) != null && !props.get(S3A_ACCESS_KEY).isBlank();
        boolean hasSecret =
                props.get(S3A_SECRET_KEY) != null && !props.get(S3A_SECRET_KEY).isBlank();
        if (hasAccess != hasSecret) {
            add(
                    problems,
                    hasAccess ? S3A_SECRET_KEY : S3A_ACCESS_KEY,
                    S3A_ACCESS_KEY + " and " + S3A_SECRET_KEY
                            + " go together: set both, or neither to use the default AWS credential chain");
        }
        if ((hasAccess || props.get(S3A_ENDPOINT) != null) && !s3) {
            add(
                    problems,
                    TABLE_ROOT,
                    "s3a credentials or endpoint are set but " + TABLE_ROOT + " is not an s3a:// location");
        }
        return problems;
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    public TableRouter router() {
        return new TableRouter(
                getString(TABLE_ROOT),
                getString(TABLE_PATH_TEMPLATE),
                TableRouter.parseOverrides(getList(TABLE_OVERRIDES)));
    }

    public PartitionMode partitionMode() {
        return PartitionMode.parse(getString(PARTITION_MODE));
    }

    public String partitionField() {
        return getString(PARTITION_FIELD);
    }

    public String partitionColumn() {
        String column = getString(PARTITION_COLUMN);
        if (column != null && !column.isBlank()) {
            return column;
        }
        return switch (partitionMode()) {
            case NONE -> null;
            case FIELD -> partitionField();
            case EVENT_DATE -> "event_date";
            case INGEST_DATE -> "ingest_date";
        };
    }

    public boolean auditColumns() {
        return getBoolean(AUDIT_COLUMNS);
    }

    public boolean autoCreate() {
        return getBoolean(TABLE_AUTO_CREATE);
    }

    public boolean schemaEvolution() {
        return getBoolean(SCHEMA_EVOLUTION);
    }

    public int flushRecords() {
        return getInt(FLUSH_RECORDS);
    }

    public long flushBytes() {
        return getLong(FLUSH_BYTES);
    }

    public long flushIntervalMs() {
        return getLong(FLUSH_INTERVAL_MS);
    }

    public long flushIdleMs() {
        return getLong(FLUSH_IDLE_MS);
    }

    public long fileTargetBytes() {
        return getLong(FILE_TARGET_BYTES);
    }

    public int checkpointInterval() {
        return getInt(CHECKPOINT_INTERVAL);
    }

    public int commitMaxRetries() {
        return getInt(COMMIT_MAX_RETRIES);
    }

    /** The prefix of every transaction id this connector commits: the configured app id, else the connector name. */
    public String appId() {
        String appId = getString(APP_ID);
        if (appId != null && !appId.isBlank()) {
            return appId;
        }
        String name = originalsStrings().get(CONNECTOR_NAME);
        if (name == null || name.isBlank()) {
            throw new ConfigException(
                    APP_ID,
                    null,
                    "Neither " + APP_ID + " nor the connector's name is set; "
                            + "exactly-once needs a stable transaction id");
        }
        return name;
    }

    /** Hadoop settings: s3a credentials and every {@code delta.hadoop.*} pass-through. */
    public Map<String, String> hadoopSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        originalsWithPrefix(HADOOP_PREFIX).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        Password access = getPassword(S3A_ACCESS_KEY);
        Password secret = getPassword(S3A_SECRET_KEY);
        if (access != null) {
            settings.put("fs.s3a.access.key", access.value());
        }
        if (secret != null) {
            settings.put("fs.s3a.secret.key", secret.value());
        }
        if (getString(S3A_ENDPOINT) != null) {
            settings.put("fs.s3a.endpoint", getString(S3A_ENDPOINT));
        }
        return settings;
    }

    private static final class TableRootValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String root = (String) value;
            if (root == null || root.isBlank()) {
                throw new ConfigException(name, value, "The table root must be a local path, hdfs:// or s3a:// URI");
            }
            try {
                URI uri = new URI(root.trim());
                String scheme = uri.getScheme();
                if (scheme == null ? !root.trim().startsWith("/") : !SCHEMES.contains(scheme)) {
                    throw new ConfigException(
                            name,
                            value,
                            "Unsupported table root '" + root
                                    + "': use an absolute local path, file://, hdfs:// or s3a://"
                                    + ("s3".equals(scheme) ? " (s3a://, not s3://)" : ""));
                }
                if ("s3a".equals(scheme)
                        && (uri.getHost() == null || uri.getHost().isBlank())) {
                    throw new ConfigException(name, value, "An s3a table root needs a bucket: s3a://<bucket>/<path>");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "Not a valid path or URI: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "an absolute local path, file://, hdfs:// or s3a:// URI";
        }
    }

    private static final class PathTemplateValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String template = (String) value;
            if (template == null || template.isBlank()) {
                throw new ConfigException(name, value, "The table path template must not be empty");
            }
            String rest = template.replace(TableRouter.TOPIC_PLACEHOLDER, "");
            if (rest.contains("${")) {
                throw new ConfigException(
                        name,
                        value,
                        "Unknown placeholder in '" + template + "': only " + TableRouter.TOPIC_PLACEHOLDER
                                + " is supported");
            }
        }

        @Override
        public String toString() {
            return "a path with ${topic}, e.g. bronze/${topic}";
        }
    }

    private static final class OverridesValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            try {
                TableRouter.parseOverrides((List<String>) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated topic:path pairs";
        }
    }

    private record ConstantRecommender(List<String> values) implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return new ArrayList<>(values);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }

    /** Shows a partition setting only for the modes that use it. */
    private record ModeRecommender(Set<PartitionMode> modes) implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of();
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            Object mode = parsedConfig.get(PARTITION_MODE);
            try {
                return mode != null && modes.contains(PartitionMode.parse(mode.toString()));
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
    }
}
