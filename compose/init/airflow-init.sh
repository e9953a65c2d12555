#!/bin/bash
# One-off: Airflow's database, an admin user for the web UI, and the pool that serializes the Spark jobs.
# The admin password comes from compose/.env (AIRFLOW_ADMIN_PASSWORD, docs/compose.md), never from this file.
set -euo pipefail
: "${AIRFLOW_ADMIN_PASSWORD:?set AIRFLOW_ADMIN_PASSWORD in compose/.env, see docs/compose.md}"
airflow db migrate
if airflow users list --output plain | awk '{print $2}' | grep -qx admin; then
  # A rerun keeps the user; a changed .env password is set with: airflow users reset-password (docs/compose.md).
  echo "[airflow-init] user admin exists"
else
  airflow users create --username admin --password "$AIRFLOW_ADMIN_PASSWORD" --firstname Mobility --lastname Admin \
    --role Admin --email admin@example.org
fi
# One slot: the batch jobs MERGE into the same gold tables; run one at a time rather than retry conflicts.
airflow pools set spark 1 "Spark jobs of the mobility DAGs (one at a time on the compose cluster)"
echo "[airflow-init] done"
