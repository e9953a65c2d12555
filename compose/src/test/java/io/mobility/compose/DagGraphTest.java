package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAGs, read by python3's ast (src/test/python/dag_graph.py: no Airflow needed) into task graphs and
 * checked here: the batch chain's order, schedules, retries, catchup and concurrency.
 */
class DagGraphTest {

    private static final Path DAGS = Repo.COMPOSE.resolve("airflow/dags");
    private static JsonNode graphs;

    @BeforeAll
    static void readDags() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "python3", Repo.COMPOSE.resolve("src/test/python/dag_graph.py").toString()));
        try (Stream<Path> files = Files.list(DAGS)) {
            files.filter(f -> f.toString().endsWith(".py")).sorted().forEach(f -> command.add(f.toString()));
        }
        graphs = new ObjectMapper().readTree(python(command));
    }

    @Test
    void theHourlyChainRunsGoldAggregatesFeaturesThenScore() {
        Dag hourly = dag("mobility_hourly");
        assertThat(hourly.schedule()).isEqualTo("15 * * * *");
        assertThat(hourly.tasks()).containsExactlyInAnyOrder("gold", "aggregates", "features", "score");
        assertThat(hourly.before("gold", "aggregates")).isTrue();
        assertThat(hourly.before("aggregates", "features")).isTrue();
        assertThat(hourly.before("features", "score")).isTrue();
        assertThat(hourly.before("score", "gold")).isFalse();
    }

    @Test
    void theDailyChainTrainsBeforeScoringAndMonitorsAfter() {
        Dag daily = dag("mobility_daily");
        assertThat(daily.schedule()).isEqualTo("30 0 * * *");
        assertThat(daily.before("train", "score")).isTrue();
        assertThat(daily.before("score", "monitor")).isTrue();
        assertThat(daily.before("monitor", "maintain")).isTrue();
        // Training waits for the hourly DAG's features of the day's last hour (when that run exists).
        JsonNode sensor = daily.task("wait_for_hourly_features");
        assertThat(sensor.path("operator").asText()).isEqualTo("PythonSensor");
        assertThat(sensor.path("args").path("python_callable").path("expr").asText())
                .isEqualTo("wait_for_hourly_features");
        assertThat(sensor.path("args").path("mode").asText())
                .as("frees its worker slot between pokes")
                .isEqualTo("reschedule");
        assertThat(daily.before("wait_for_hourly_features", "train")).isTrue();
    }

    @Test
    void theSensorLooksForTheFeaturesTaskOfTheHourlyDag() throws Exception {
        assertThat(dailyFunctions("HOURLY_DAG")).isEqualTo("\"mobility_hourly\"");
        String task = dailyFunctions("HOURLY_TASK").replace("\"", "");
        assertThat(dag("mobility_hourly").tasks()).contains(task);
        assertThat(task).isEqualTo("features");
        // The poke reads the awaited run with the function checked below and decides with the one after it.
        String calls = python(List.of(
                "python3",
                "-c",
                String.join(
                        "\n",
                        "import ast, sys",
                        "tree = ast.parse(open(sys.argv[1]).read())",
                        "fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == sys.argv[2])",
                        "print(sorted({ast.unparse(c.func) for c in ast.walk(fn) if isinstance(c, ast.Call)}))"),
                DAGS.resolve("mobility_daily.py").toString(),
                "wait_for_hourly_features"));
        assertThat(calls).contains("'last_hourly_run_of_the_day'", "'hourly_features_done'", "'DagRun.find'");
    }

    @Test
    void theSensorWaitsForTheLastHourlyRunInsideTheDailyInterval() throws Exception {
        LocalDateTime daily = LocalDateTime.of(2026, 11, 26, 0, 30);
        LocalDateTime hourly = LocalDateTime.parse(
                dailyFunctions("last_hourly_run_of_the_day(datetime.fromisoformat('" + daily + "')).isoformat()")
                        .replace("\"", ""));
        // An hourly run at logical time T covers [T, T+1h) (schedule "15 * * * *"); the daily run covers one day
        // from its logical time: the awaited run is the last hourly interval that ends inside it.
        assertThat(hourly.getMinute()).isEqualTo(15);
        LocalDateTime dailyEnd = daily.plusDays(1);
        assertThat(hourly.plusHours(1)).isBeforeOrEqualTo(dailyEnd);
        assertThat(hourly.plusHours(2)).isAfter(dailyEnd);
    }

    @Test
    void theFirstDailyRunDoesNotWaitForAnHourlyRunThatNeverHappened() throws Exception {
        // No hourly run at the awaited time, and the hourly DAG already ran later (catchup=False: it never will).
        assertThat(dailyFunctions("hourly_features_done(None, True)")).isEqualTo("true");
        // No hourly run yet at all (both DAGs just started): the scheduler is about to create it, wait.
        assertThat(dailyFunctions("hourly_features_done(None, False)")).isEqualTo("false");
        assertThat(dailyFunctions("hourly_features_done('success', True)")).isEqualTo("true");
        assertThat(dailyFunctions("hourly_features_done('running', True)")).isEqualTo("false");
        assertThat(dailyFunctions("hourly_features_done('scheduled', False)")).isEqualTo("false");
        assertThatThrownBy(() -> dailyFunctions("hourly_features_done('failed', True)"))
                .hasMessageContaining("mobility_hourly.features of the day's last hour ended failed");
    }

    /**
     * An expression evaluated, as JSON, over the daily DAG file's functions and constants (taken out of the file by
     * ast: no Airflow needed).
     */
    private static String dailyFunctions(String expression) throws Exception {
        return python(List.of(
                        "python3",
                        "-c",
                        String.join(
                                "\n",
                                "import ast, json, sys",
                                "from datetime import datetime, timedelta",
                                "tree = ast.parse(open(sys.argv[1]).read())",
                                "keep = [n for n in tree.body if isinstance(n, ast.FunctionDef)",
                                "        or (isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant))]",
                                "exec(compile(ast.Module(body=keep, type_ignores=[]), sys.argv[1], 'exec'))",
                                "print(json.dumps(eval(sys.argv[2])))"),
                        DAGS.resolve("mobility_daily.py").toString(),
                        expression))
                .strip();
    }

    @Test
    void everyDagIsOneRunAtATimeWithoutCatchupAndEverySparkTaskRetries() {
        assertThat(graphs.path("dags")).hasSize(2);
        for (JsonNode node : graphs.path("dags")) {
            Dag dag = new Dag(node);
            assertThat(node.path("args").path("catchup").asBoolean(true))
                    .as(dag.id() + " catchup")
                    .isFalse();
            assertThat(node.path("args").path("max_active_runs").asInt(0))
                    .as(dag.id())
                    .isEqualTo(1);
            for (JsonNode task : node.path("tasks")) {
                if (task.path("operator").asText().equals("BashOperator")) {
                    assertThat(dag.effective(task, "retries").asInt(0))
                            .as(dag.id() + "." + task.path("task_id"))
                            .isGreaterThanOrEqualTo(2);
                    assertThat(dag.effective(task, "retry_delay").path("call").asText())
                            .isEqualTo("timedelta");
                    assertThat(dag.effective(task, "pool").asText())
                            .as("Spark jobs share the one-slot pool")
                            .isEqualTo("spark");
                }
            }
        }
        assertThat(Repo.read(Repo.COMPOSE.resolve("init/airflow-init.sh"))).contains("airflow pools set spark 1 ");
    }

    @Test
    void everySparkTaskSubmitsItsOwnBatchJob() throws Exception {
        for (JsonNode node : graphs.path("dags")) {
            for (JsonNode task : node.path("tasks")) {
                if (!task.path("operator").asText().equals("BashOperator")) {
                    continue;
                }
                JsonNode command = task.path("args").path("bash_command");
                assertThat(command.path("call").asText())
                        .as(task.path("task_id").asText())
                        .isEqualTo("spark_submit");
                String job = command.path("args").get(0).asText();
                assertThat(job).isEqualTo(task.path("task_id").asText());
                String rendered = render(command);
                assertThat(rendered)
                        .startsWith("spark-submit ")
                        .contains(
                                "--class io.mobility.batch.BatchCommand",
                                "\"$MOBILITY_JOB_JAR\" " + job + " ",
                                "--lake \"$MOBILITY_LAKE\"");
            }
        }
    }

    @Test
    void theCommandsUseOnlyVariablesTheAirflowContainersSet() throws Exception {
        Map<String, String> env = ComposeFile.environment(ComposeFile.load().service("airflow-scheduler"));
        String rendered =
                render(dag("mobility_hourly").task("gold").path("args").path("bash_command"));
        var m = java.util.regex.Pattern.compile("\\$(\\w+)").matcher(rendered);
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(env.keySet()).containsAll(used);
        assertThat(env.get("MOBILITY_SPARK_MASTER")).isEqualTo("spark://spark-master:7077");
        assertThat(env.get("MOBILITY_SPARK_DRIVER_HOST"))
                .as("executors reach the driver by this name")
                .isEqualTo(ComposeFile.load()
                        .service("airflow-scheduler")
                        .path("hostname")
                        .asText());
    }

    @Test
    void theExtractorRefusesADependencyOnSomethingThatIsNotATask(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path bad = dir.resolve("bad.py");
        Files.writeString(bad, """
                from airflow import DAG
                from airflow.operators.bash import BashOperator
                with DAG(dag_id="bad", schedule=None) as dag:
                    a = BashOperator(task_id="a", bash_command="true")
                    a >> b
                """);
        Process p = new ProcessBuilder(
                        "python3",
                        Repo.COMPOSE.resolve("src/test/python/dag_graph.py").toString(),
                        bad.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("bad.py:5").contains("'b' is not a task of DAG bad");
    }

    /**
     * The bash command a task runs: the DAGs' own helper (mobility_spark.py, plain Python) called with its arguments.
     */
    private static String render(JsonNode call) throws Exception {
        StringBuilder args = new StringBuilder();
        for (JsonNode a : call.path("args")) {
            args.append(new ObjectMapper().writeValueAsString(a.asText())).append(',');
        }
        return python(List.of(
                        "python3",
                        "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]); "
                                + "from mobility_spark import spark_submit; print(spark_submit(" + args + "))",
                        DAGS.toString()))
                .strip();
    }

    private static String python(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + err);
        }
        return out;
    }

    private static Dag dag(String id) {
        for (JsonNode node : graphs.path("dags")) {
            if (node.path("dag_id").asText().equals(id)) {
                return new Dag(node);
            }
        }
        throw new AssertionError("no DAG " + id + " in " + DAGS);
    }

    /** One DAG's tasks and edges, with reachability. */
    record Dag(JsonNode node) {
        String id() {
            return node.path("dag_id").asText();
        }

        String schedule() {
            return node.path("args").path("schedule").asText();
        }

        List<String> tasks() {
            List<String> ids = new ArrayList<>();
            node.path("tasks").forEach(t -> ids.add(t.path("task_id").asText()));
            return ids;
        }

        JsonNode task(String id) {
            for (JsonNode t : node.path("tasks")) {
                if (t.path("task_id").asText().equals(id)) {
                    return t;
                }
            }
            throw new AssertionError("no task " + id + " in " + id());
        }

        /** A task's own argument, else the DAG's default_args entry. */
        JsonNode effective(JsonNode task, String arg) {
            return task.path("args").has(arg)
                    ? task.path("args").path(arg)
                    : node.path("args").path("default_args").path(arg);
        }

        /** Whether {@code upstream} must finish before {@code downstream} starts (a path of edges). */
        boolean before(String upstream, String downstream) {
            assertThat(tasks()).contains(upstream, downstream);
            Map<String, List<String>> next = new HashMap<>();
            node.path("edges")
                    .forEach(e -> next.computeIfAbsent(e.get(0).asText(), k -> new ArrayList<>())
                            .add(e.get(1).asText()));
            List<String> frontier = new ArrayList<>(List.of(upstream));
            Set<String> seen = new HashSet<>();
            while (!frontier.isEmpty()) {
                String t = frontier.remove(0);
                for (String n : next.getOrDefault(t, List.of())) {
                    if (n.equals(downstream)) {
                        return true;
                    }
                    if (seen.add(n)) {
                        frontier.add(n);
                    }
                }
            }
            return false;
        }
    }
}
