#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real (SciPy/scikit-learn to regenerate the
# statistics fixtures, Prometheus and promtool for the scrape test, Chromium for the UI tests). A no-op when they are present.
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import scipy, sklearn, numpy' >/dev/null 2>&1 || missing+=(python3-scipy python3-sklearn python3-numpy)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
# The web UI's end-to-end tests drive Debian's Chromium through playwright-core.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages for the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
