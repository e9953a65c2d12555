#!/usr/bin/env bash
# The DAG tests read compose/airflow/dags with python3 (ast only, no Airflow). A fresh machine lacks it: the build
# installs Debian's python3 rather than skipping the tests.
set -euo pipefail
if command -v python3 >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The compose DAG tests need python3; install it with: sudo apt-get install python3" >&2
  exit 1
fi
echo "[compose] installing Debian's python3 for the DAG tests ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3 >/dev/null
command -v python3
