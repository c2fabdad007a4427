#!/usr/bin/env bash
# End-to-end tests drive Debian's chromium through Playwright (executable_path).
# Installs it with apt-get where it is missing; never downloads a browser build.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: install Debian's 'chromium' package to run the e2e tests" >&2
  exit 1
fi
echo "Installing Debian chromium for the end-to-end tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium
