#!/usr/bin/env bash
# Runs the date-sensitive tests with the system clock moved ahead (default two years) through
# libfaketime (Debian package faketime), so a date hard-wired into the product or a test shows.
set -euo pipefail
lib=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime.so.1$' | head -1 || true)
if [ -z "$lib" ]; then
  echo "test:shifted needs libfaketime (apt-get install faketime)" >&2
  exit 1
fi
shift_by=${FAKETIME:-+730d}
echo "test:shifted: system clock moved $shift_by: $(LD_PRELOAD=$lib FAKETIME=$shift_by date -u +%Y-%m-%dT%H:%M:%SZ)"
LD_PRELOAD=$lib FAKETIME=$shift_by npx jest --runInBand \
  test/routing test/handoff test/privacy test/channels test/staff test/dialogs test/http test/flows test/storage test/clock.test.ts "$@"
