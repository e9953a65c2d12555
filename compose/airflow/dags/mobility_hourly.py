"""Every hour: silver -> gold star schema -> aggregates -> features -> predictions for the next 24 hours.

Each step reads what the previous one committed, so they run in a chain. Every job is incremental and idempotent
(docs/gold.md), so a retry or a rerun of a failed hour redoes exactly the unfinished work.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

from mobility_spark import spark_submit

default_args = {
    "owner": "mobility",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(minutes=50),
    # The one-slot pool (created by compose/init/airflow-init.sh): Spark jobs of both DAGs run one at a time.
    "pool": "spark",
}

with DAG(
    dag_id="mobility_hourly",
    description="gold, aggregates, features and scoring, every hour",
    schedule="15 * * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["mobility", "spark"],
) as dag:
    gold = BashOperator(task_id="gold", bash_command=spark_submit("gold"))
    aggregates = BashOperator(task_id="aggregates", bash_command=spark_submit("aggregates"))
    features = BashOperator(task_id="features", bash_command=spark_submit("features"))
    score = BashOperator(task_id="score", bash_command=spark_submit("score", "--horizon", "24"))

    gold >> aggregates >> features >> score
