package io.mobility.serde;

import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.registry.RegistryClientSettings;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/** Serde settings, under the names Confluent's serializers use, so a client's existing configuration works. */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String REGISTRY_MAX_ATTEMPTS = "schema.registry.request.max.attempts";
    public static final String REGISTRY_BACKOFF_MS = "schema.registry.request.backoff.ms";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String COMPILED_READER = "avro.compiled.reader";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Comma-separated schema registry URLs (http, https), or mem://<scope> for an "
                            + "in-memory registry shared by every serde of that scope (tests).")
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Register a record's schema on first use. When false the schema must already be registered "
                            + "under the subject, or serialization fails.")
            .define(
                    KEY_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    "TopicNameStrategy",
                    Importance.LOW,
                    "How keys name their subject: TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy.")
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    "TopicNameStrategy",
                    Importance.LOW,
                    "How values name their subject: TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy.")
            .define(
                    SPECIFIC_AVRO_READER,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Deserialize into the generated class of the writer's record (which must be on the classpath) "
                            + "instead of GenericRecord.")
            .define(
                    USE_LOGICAL_TYPE_CONVERTERS,
                    Type.BOOLEAN,
                    false,
                    Importance.LOW,
                    "Generic records carry BigDecimal, Instant and LocalDate for logical types instead of raw values.")
            .define(
                    REGISTRY_MAX_ATTEMPTS,
                    Type.INT,
                    3,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "Tries per registry call before it fails (I/O errors, 5xx, 408 and 429 are retried).")
            .define(
                    REGISTRY_BACKOFF_MS,
                    Type.LONG,
                    100L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Pause after the first failed registry call, doubled after each further one.")
            .define(
                    BASIC_AUTH_USER_INFO,
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "user:password for HTTP basic authentication against the registry.")
            .define(
                    COMPILED_READER,
                    Type.BOOLEAN,
                    true,
                    Importance.LOW,
                    "Decode records written with the reader's own schema through a reader compiled once per schema "
                            + "(same records as Avro's, faster). When false, or when the schemas differ, Avro's "
                            + "resolving reader decodes.");

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(DEFINITION, originals);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.parse(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    public boolean logicalTypeConverters() {
        return getBoolean(USE_LOGICAL_TYPE_CONVERTERS);
    }

    public boolean compiledReader() {
        return getBoolean(COMPILED_READER);
    }

    /** A client for the configured registry: the shared in-memory one for {@code mem://}, else a REST client. */
    public SchemaRegistryClient registryClient() {
        String url = getString(SCHEMA_REGISTRY_URL).trim();
        if (url.startsWith(InMemorySchemaRegistry.URL_SCHEME)) {
            return InMemorySchemaRegistry.forScope(url.substring(InMemorySchemaRegistry.URL_SCHEME.length()));
        }
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        RegistryClientSettings settings = RegistryClientSettings.defaults()
                .withMaxAttempts(getInt(REGISTRY_MAX_ATTEMPTS))
                .withBackoff(Duration.ofMillis(getLong(REGISTRY_BACKOFF_MS)))
                .withBasicAuth(userInfo == null ? null : userInfo.value());
        return new RestSchemaRegistryClient(url, settings);
    }
}
