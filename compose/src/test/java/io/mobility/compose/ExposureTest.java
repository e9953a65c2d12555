package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What compose exposes, read as an operator would before starting it on a networked machine: every published port
 * listens on loopback unless the user's .env names another address, only what users call is published, and no
 * secret is written in the compose file or its scripts (they come from compose/.env, which is not in the repo).
 */
class ExposureTest {

    /** The bind address of every published port: loopback unless compose/.env sets MOBILITY_BIND. */
    static final String BIND = "${MOBILITY_BIND:-127.0.0.1}";
    /** Environment names that hold a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|_KEY$");
    /** A whole value that is one required variable: {@code ${VAR:?message}}. */
    private static final Pattern REQUIRED = Pattern.compile("^\\$\\{(\\w+):\\?([^}]+)}$");
    /** The password of a URL with user info: {@code scheme://user:password@host}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^:/@\\s]+:(\\$\\{[^}]*}|[^@\\s]*)@");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyPublishedPortListensOnLoopbackUnlessTheUserBindsIt() {
        assertThat(compose.ports()).isNotEmpty();
        assertThat(allInterfaces(compose)).isEmpty();
        for (ComposeFile.Port port : compose.ports()) {
            assertThat(port.hostIp()).as(port.service() + ":" + port.host()).isEqualTo(BIND);
        }
    }

    @Test
    void theCheckFindsAPortOnEveryInterface() {
        String yaml = Repo.read(ComposeFile.FILE);
        assertThat(yaml).contains("\"" + BIND + ":8080:8080\"");
        ComposeFile open = ComposeFile.parse(yaml.replace("\"" + BIND + ":8080:8080\"", "\"8080:8080\"")
                .replace("\"" + BIND + ":8081:8081\"", "\"0.0.0.0:8081:8081\""));
        assertThat(allInterfaces(open))
                .containsExactlyInAnyOrder(
                        "serve: 8080:8080 is published on every host interface",
                        "schema-registry: 8081:8081 is published on every host interface (0.0.0.0)");
    }

    @Test
    void onlyWhatUsersCallIsPublished() {
        Set<String> published = new TreeSet<>();
        compose.ports().forEach(p -> published.add(p.service() + ":" + p.container()));
        // Clients of Kafka's external listeners, the registry, Connect's REST API, the API and Airflow's UI. Not:
        // the Spark master (it runs any code it is sent) and its UIs, the API's admin port, the streams apps' health
        // ports, Postgres: those are reached inside the compose network.
        assertThat(published)
                .containsExactlyInAnyOrder(
                        "kafka-1:9092",
                        "kafka-2:9094",
                        "kafka-3:9096",
                        "schema-registry:8081",
                        "connect-1:8083",
                        "connect-2:8083",
                        "serve:8080",
                        "airflow-webserver:8080");
        String admin = ComposeFile.environment(compose.service("serve")).get("MOBILITY_ADMIN_PORT");
        assertThat(compose.ports())
                .noneMatch(p -> p.service().equals("serve") && p.container() == Integer.parseInt(admin));
        for (String hidden :
                List.of("spark-master", "spark-worker", "streams-1", "streams-2", "airflow-db", "airflow-scheduler")) {
            assertThat(compose.service(hidden).has("ports"))
                    .as(hidden + " publishes nothing")
                    .isFalse();
        }
    }

    @Test
    void kafkaAdvertisesItsExternalListenerUnderTheNameClientsUse() {
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
            String advertised = ComposeFile.environment(compose.service(node)).get("KAFKA_ADVERTISED_LISTENERS");
            assertThat(advertised).as(node).contains("EXTERNAL://${MOBILITY_ADVERTISED_HOST:-localhost}:");
            // Without .env settings: loopback, where the external port is published.
            assertThat(ComposeFile.withoutUserSettings(advertised)).contains("EXTERNAL://localhost:");
        }
    }

    @Test
    void noSecretIsWrittenInTheComposeFile() {
        assertThat(literalSecrets(compose)).isEmpty();
        // Each secret is a required variable, so compose refuses to start without it.
        Map<String, String> secrets = secretReferences(compose);
        assertThat(secrets.keySet())
                .containsExactlyInAnyOrder(
                        "AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_SECRET_KEY", "AIRFLOW_DB_PASSWORD", "MOBILITY_API_TOKEN");
        secrets.forEach((name, message) ->
                assertThat(message).as(name).isEqualTo("set " + name + " in compose/.env, see docs/compose.md"));
        Map<String, String> serve = ComposeFile.environment(compose.service("serve"));
        assertThat(serve.get("MOBILITY_API_TOKEN")).startsWith("${MOBILITY_API_TOKEN:?");
        assertThat(ComposeFile.environment(compose.service("airflow-db")).get("POSTGRES_PASSWORD"))
                .startsWith("${AIRFLOW_DB_PASSWORD:?");
    }

    @Test
    void theCheckFindsLiteralSecrets() {
        String yaml = Repo.read(ComposeFile.FILE);
        String key = "\"${AIRFLOW_SECRET_KEY:?set AIRFLOW_SECRET_KEY in compose/.env, see docs/compose.md}\"";
        String db = "${AIRFLOW_DB_PASSWORD:?set AIRFLOW_DB_PASSWORD in compose/.env, see docs/compose.md}@";
        assertThat(yaml).contains(key, db);
        String token = "${MOBILITY_API_TOKEN:?set MOBILITY_API_TOKEN in compose/.env, see docs/compose.md}";
        assertThat(yaml).contains(token);
        // A default is a secret in the file too.
        ComposeFile leaky = ComposeFile.parse(yaml.replace(key, "\"mobility-compose-only\"")
                .replace(db, "airflow@")
                .replace(token, "${MOBILITY_API_TOKEN:-changeme}"));
        assertThat(literalSecrets(leaky))
                .contains(
                        "airflow-scheduler: AIRFLOW__WEBSERVER__SECRET_KEY is written in the file",
                        "airflow-scheduler: AIRFLOW__DATABASE__SQL_ALCHEMY_CONN carries a password in its URL",
                        "serve: MOBILITY_API_TOKEN is written in the file");
    }

    @Test
    void theScriptsTakeTheirSecretsFromTheEnvironment() {
        String init = Repo.read(Repo.COMPOSE.resolve("init/airflow-init.sh"));
        assertThat(init)
                .contains("--password \"$AIRFLOW_ADMIN_PASSWORD\"")
                .contains("${AIRFLOW_ADMIN_PASSWORD:?")
                .doesNotContainPattern("--password\\s+[^\\s\"$]");
        // Only the init container, which creates the user, is given the admin password.
        compose.services()
                .forEach((name, service) -> assertThat(
                                ComposeFile.environment(service).containsKey("AIRFLOW_ADMIN_PASSWORD"))
                        .as(name)
                        .isEqualTo(name.equals("airflow-init")));
    }

    @Test
    void theEnvFileIsDocumentedAndNeverCommitted() {
        // The example lists every required variable, with no value: copying it unfilled still stops compose.
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.COMPOSE.resolve(".env.example")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                example.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
            }
        }
        Set<String> required = new TreeSet<>();
        Matcher m = ComposeFile.VARIABLE.matcher(Repo.read(ComposeFile.FILE));
        while (m.find()) {
            if ("?".equals(m.group(2))) {
                required.add(m.group(1));
            }
        }
        assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(required);
        assertThat(example.values()).allMatch(String::isEmpty);
        assertThat(Arrays.asList(Repo.read(Repo.ROOT.resolve(".gitignore")).split("\n")))
                .contains(".env");
        String doc = Repo.read(Repo.ROOT.resolve("docs/compose.md"));
        assertThat(doc).contains("compose/.env", "cp compose/.env.example compose/.env", "openssl rand -hex 32");
        required.forEach(
                name -> assertThat(doc).as("docs/compose.md explains " + name).contains(name));
    }

    /** Ports published on every host interface: no host address, or an address that is not loopback. */
    static List<String> allInterfaces(ComposeFile file) {
        List<String> problems = new ArrayList<>();
        for (ComposeFile.Port port : file.ports()) {
            String where = port.service() + ": " + port.host() + ":" + port.container();
            if (port.hostIp() == null) {
                problems.add(where + " is published on every host interface");
            } else if (!isLoopback(ComposeFile.withoutUserSettings(port.hostIp()))) {
                problems.add(where + " is published on every host interface (" + port.hostIp() + ")");
            }
        }
        return problems;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Secrets with a value in the file: a secret-named variable that is no required reference, a URL password. */
    static List<String> literalSecrets(ComposeFile file) {
        List<String> problems = new ArrayList<>();
        file.services()
                .forEach((service, node) -> ComposeFile.environment(node).forEach((name, value) -> {
                    if (SECRET_NAME.matcher(name).find()
                            && !REQUIRED.matcher(value).matches()) {
                        problems.add(service + ": " + name + " is written in the file");
                    }
                    Matcher url = URL_PASSWORD.matcher(value);
                    while (url.find()) {
                        if (!REQUIRED.matcher(url.group(1)).matches()) {
                            problems.add(service + ": " + name + " carries a password in its URL");
                        }
                    }
                }));
        for (String key : List.of("command", "entrypoint")) {
            file.services().forEach((service, node) -> {
                if (node.path(key).toString().matches("(?i).*(password|secret|token).*")) {
                    problems.add(service + ": its " + key + " names a secret: pass it in the environment");
                }
            });
        }
        return problems;
    }

    /** The variables secrets are read from, with the message compose prints when one is missing. */
    private static Map<String, String> secretReferences(ComposeFile file) {
        Map<String, String> references = new LinkedHashMap<>();
        for (JsonNode service : file.services().values()) {
            ComposeFile.environment(service).forEach((name, value) -> {
                Matcher whole = REQUIRED.matcher(value);
                if (SECRET_NAME.matcher(name).find() && whole.matches()) {
                    references.put(whole.group(1), whole.group(2));
                }
                Matcher url = URL_PASSWORD.matcher(value);
                while (url.find()) {
                    Matcher inUrl = REQUIRED.matcher(url.group(1));
                    if (inUrl.matches()) {
                        references.put(inUrl.group(1), inUrl.group(2));
                    }
                }
            });
        }
        return references;
    }
}
