#!/usr/bin/env bash
# Runs before `npm test`: the browser tests need Debian's Chromium (playwright cannot download browsers
# here), the manifest test needs xmllint, screenshots need CJK fonts, and the round trips of clerks' files and
# of the templates' native ID rules need LibreOffice Calc (soffice). Installs what is missing when it
# can (root + apt-get), otherwise says exactly what to install. Changes nothing when all is present.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
if command -v fc-list >/dev/null 2>&1; then
  fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
else
  need+=(fonts-noto-cjk)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test setup: installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "test setup: missing ${need[*]}. Install them first, e.g.: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
