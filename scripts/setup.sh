#!/usr/bin/env sh
# Sets up a fresh machine and builds the archive from letters/:
#   sh scripts/setup.sh          install what is missing, then npm run build
#   sh scripts/setup.sh --deps   only install
# On Debian/Ubuntu as root it installs Chromium (for the PDF edition and the browser tests)
# poppler-utils, qpdf, libxml2-utils and epubcheck when absent; elsewhere Puppeteer downloads its own browser during npm ci.
set -eu
cd "$(dirname "$0")/.."

missing=""
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
# qpdf and xmllint check the editions and catalogue records in the tests, as a library would.
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
# epubcheck (Java) validates the EPUB editions in the tests.
[ -f /usr/share/java/epubcheck.jar ] || missing="$missing epubcheck"
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

npm ci --no-audit --no-fund
[ "${1:-}" = "--deps" ] || npm run build
