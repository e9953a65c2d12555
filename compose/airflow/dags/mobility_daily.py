"""Every day: train the models on the day's features, rescore with the promoted model, monitor, maintain the lake.

It waits for the hourly DAG's features of the day's last hour, so training sees the whole day, unless that hourly run
never happened and never will (the first daily run after a deployment, an hour the hourly DAG was paused for:
catchup=False does not fill such gaps). Training promotes a new model version only when it beats the current one;
scoring right after makes the predictions use it at once; monitoring compares past predictions with actuals and
feature drift; maintenance (OPTIMIZE, VACUUM) runs last.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.sensors.python import PythonSensor

from mobility_spark import spark_submit

default_args = {
    "owner": "mobility",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(hours=3),
    "pool": "spark",
}


HOURLY_DAG = "mobility_hourly"
HOURLY_TASK = "features"


def last_hourly_run_of_the_day(logical_date, **_):
    """The hourly run (logical time HH:15) whose interval ends when this daily interval (00:30 to 00:30) does."""
    return logical_date.replace(minute=15) + timedelta(hours=23)


def hourly_features_done(awaited_state, later_run_exists):
    """Whether training may start, from the awaited hourly run's features task and the hourly DAG's later runs.

    awaited_state is that task's state ("success", "running", ...), or None when the hourly DAG has no run at the
    awaited logical time. With catchup=False such a run is never created once a later one exists: waiting for it
    would only time out (the first daily run after a deployment), so training goes ahead on what the lake holds.
    A failed features task fails the sensor at once rather than after its timeout.
    """
    if awaited_state is None:
        return later_run_exists
    if awaited_state in ("failed", "upstream_failed"):
        raise ValueError(f"{HOURLY_DAG}.{HOURLY_TASK} of the day's last hour ended {awaited_state}: "
                         "clear it in the hourly DAG, then this task")
    return awaited_state in ("success", "skipped")


def wait_for_hourly_features(logical_date, **_):
    """The sensor's poke: reads the hourly DAG's runs from Airflow's database (imported here: the tests read this
    file without Airflow)."""
    from airflow.models import DagRun

    awaited = last_hourly_run_of_the_day(logical_date)
    runs = DagRun.find(dag_id=HOURLY_DAG, execution_date=awaited)
    state = None
    if runs:
        task = runs[0].get_task_instance(HOURLY_TASK)
        state = (task.state if task is not None else None) or "scheduled"
    later = bool(DagRun.find(dag_id=HOURLY_DAG, execution_start_date=awaited + timedelta(seconds=1)))
    return hourly_features_done(state, later)


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
    hourly_features = PythonSensor(
        task_id="wait_for_hourly_features",
        python_callable=wait_for_hourly_features,
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
