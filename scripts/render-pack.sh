#!/usr/bin/env bash
# Rendering check of the application pack for a person: sample packs -> Word -> PDF (LibreOffice,
# headless) -> one PNG per page (pdftoppm), in render/ (git-ignored). Installs what it needs from
# Debian's packages when missing (run as root, as CI and the dev machines do).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-render}"
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'noto.*cjk' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
node --import tsx scripts/sample-packs.ts "$out"
for doc in "$out"/pack-*.docx; do
  soffice --headless --convert-to pdf --outdir "$out" "$doc" >/dev/null
  pdftoppm -png -r 60 "${doc%.docx}.pdf" "${doc%.docx}-page"
done
ls "$out"/*.png
