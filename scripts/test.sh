#!/usr/bin/env bash
# Installs everything the tests need, then runs the linter and the whole test suite.
# Debian packages: raptor2-utils (rapper checks the Turtle), rasqal-utils (roqet runs the shipped
# SPARQL queries), chromium (renders the HTML viewer).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v rapper >/dev/null || missing+=(raptor2-utils)
command -v roqet >/dev/null || missing+=(rasqal-utils)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash scripts/install.sh test
.venv/bin/ruff check kg tests benchmarks
.venv/bin/python -m pytest "$@"
