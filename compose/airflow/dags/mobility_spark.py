"""The spark-submit command line every mobility batch task runs (imported by the DAG files, defines no DAG).

Client deploy mode: the driver runs inside the Airflow task, so its progress lines and exit status are the task's
log and result, and a failed job (exit status 1, e.g. the gold quality gate) fails the task and triggers its retries.
The cluster is given by the environment of the Airflow containers (compose/docker-compose.yml):
MOBILITY_SPARK_MASTER, MOBILITY_SPARK_DRIVER_HOST, MOBILITY_JOB_JAR, MOBILITY_LAKE, MOBILITY_SHUFFLE_PARTITIONS.
"""

BATCH_MAIN_CLASS = "io.mobility.batch.BatchCommand"


def spark_submit(job, *job_args):
    """A bash command running `BatchCommand <job> --lake $MOBILITY_LAKE ... <job_args>` on the Spark cluster."""
    return " ".join([
        "spark-submit",
        '--master "$MOBILITY_SPARK_MASTER"',
        "--deploy-mode client",
        '--conf spark.driver.host="$MOBILITY_SPARK_DRIVER_HOST"',
        "--conf spark.driver.bindAddress=0.0.0.0",
        '--conf spark.sql.shuffle.partitions="$MOBILITY_SHUFFLE_PARTITIONS"',
        "--name mobility-" + job,
        "--class " + BATCH_MAIN_CLASS,
        '"$MOBILITY_JOB_JAR"',
        job,
        '--lake "$MOBILITY_LAKE"',
        '--shuffle-partitions "$MOBILITY_SHUFFLE_PARTITIONS"',
        *job_args,
    ])
