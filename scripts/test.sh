#!/usr/bin/env bash
# Install what the tests need, then run them: the README's test command, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
# The plugins the compatibility tests build beside practice-exchange, and Zensical for the export.
# Installed on their own: where one cannot be installed, its tests are skipped and say why.
python3 -m pip install --quiet --disable-pip-version-check -e ".[compat]" \
  || echo "scripts/test.sh: the compat extra could not be installed; its tests will be skipped" >&2
# WeasyPrint, which prints the network report without a browser; its test is skipped without it.
python3 -m pip install --quiet --disable-pip-version-check -e ".[pdf]" \
  || echo "scripts/test.sh: the pdf extra could not be installed; its test will be skipped" >&2

# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: /usr/bin/chromium is missing and cannot be installed here;" \
         "install Debian's chromium package (apt-get install chromium) for the browser tests" >&2
  fi
fi

export NO_MKDOCS_2_WARNING=1
exec python3 -m pytest "$@"
