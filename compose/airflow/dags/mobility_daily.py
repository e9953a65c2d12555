"""Every day: train the models on the day's features, rescore with the promoted model, monitor, maintain the lake.

It waits for the hourly DAG's features of the day's last hour, so training sees the whole day. Training promotes
a new model version only when it beats the current one; scoring right after makes the predictions use it at once;
monitoring compares past predictions with actuals and feature drift; maintenance (OPTIMIZE, VACUUM) runs last.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.sensors.external_task import ExternalTaskSensor

from mobility_spark import spark_submit

default_args = {
    "owner": "mobility",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(hours=3),
    "pool": "spark",
}


def last_hourly_run_of_the_day(logical_date, **_):
    """The hourly run (logical time HH:15) whose interval ends when this daily interval (00:30 to 00:30) does."""
    return logical_date.replace(minute=15) + timedelta(hours=23)


with DAG(
    dag_id="mobility_daily",
    description="train, rescore, monitor and maintain, once a day",
    schedule="30 0 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["mobility", "spark", "ml"],
) as dag:
    hourly_features = ExternalTaskSensor(
        task_id="wait_for_hourly_features",
        external_dag_id="mobility_hourly",
        external_task_id="features",
        execution_date_fn=last_hourly_run_of_the_day,
        mode="reschedule",
        poke_interval=300,
        timeout=4 * 3600,
        retries=0,
        pool="default_pool",
    )
    # batch train exits 3 when the lake holds too little history (a new deployment's first weeks): a skip, not a
    # failure to retry; score and monitor are then skipped with it, and maintenance still runs.
    train = BashOperator(task_id="train", bash_command=spark_submit("train"), skip_on_exit_code=3)
    score = BashOperator(task_id="score", bash_command=spark_submit("score", "--horizon", "24"))
    monitor = BashOperator(task_id="monitor", bash_command=spark_submit("monitor", "--days", "7"))
    maintain = BashOperator(task_id="maintain", bash_command=spark_submit("maintain", "--retain-hours", "168"),
                            trigger_rule="none_failed")

    hourly_features >> train >> score >> monitor >> maintain
