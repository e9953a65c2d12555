#!/bin/bash
# One-off: Airflow's database, an admin user for the web UI, and the pool that serializes the Spark jobs.
set -euo pipefail
airflow db migrate
airflow users create --username admin --password admin --firstname Mobility --lastname Admin \
  --role Admin --email admin@example.org || true
# One slot: the batch jobs MERGE into the same gold tables; run one at a time rather than retry conflicts.
airflow pools set spark 1 "Spark jobs of the mobility DAGs (one at a time on the compose cluster)"
echo "[airflow-init] done"
