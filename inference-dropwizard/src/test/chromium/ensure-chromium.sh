#!/usr/bin/env bash
# The monitoring page is tested in Debian's headless Chromium (DocumentsIT). A fresh machine lacks it: the build
# installs it rather than skipping the test.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "DocumentsIT needs Debian's chromium; install it with: sudo apt-get install chromium fonts-dejavu-core" >&2
  exit 1
fi
echo "[inference-dropwizard] installing Debian's chromium for the monitoring page test ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
command -v chromium
