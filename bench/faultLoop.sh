#!/bin/sh
# Runs the fault tests again and again under extra CPU load, to find failures that only show on a
# busy machine (not part of CI). Usage: bench/faultLoop.sh [rounds] [busy-loops]
#   rounds      how many times each fault test runs (default 5)
#   busy-loops  CPU-burning processes beside the tests (default: the number of cores)
# Prints one line per run and a summary; exits 1 if any run failed. Needs PostgreSQL for the
# PostgreSQL tests (the suite starts its own throwaway server).
set -u
rounds=${1:-5}
busy=${2:-$(nproc)}
cd "$(dirname "$0")/.." || exit 2
pids=''
i=0
while [ "$i" -lt "$busy" ]; do
  node -e 'for (;;) Math.sqrt(Math.random())' &
  pids="$pids $!"
  i=$((i + 1))
done
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT INT TERM
failed=0
total=0
round=1
while [ "$round" -le "$rounds" ]; do
  for spec in 'sqlite test/faults/killRecovery.integration.test.ts' 'sqlite test/faults/sqliteBusy.sqlite.test.ts' 'postgres test/faults/postgresRestart.postgres.test.ts' 'postgres test/faults/killRecovery.integration.test.ts'; do
    backend=${spec%% *}
    file=${spec#* }
    total=$((total + 1))
    if LUOTSI_TEST_BACKEND=$backend npx jest --runInBand "$file" >/tmp/luotsi-fault-loop.log 2>&1; then
      echo "round $round $backend $file: pass"
    else
      failed=$((failed + 1))
      echo "round $round $backend $file: FAIL"
      grep -m 5 -E '●|Expected|Received|thrown' /tmp/luotsi-fault-loop.log | sed 's/^/    /'
    fi
  done
  round=$((round + 1))
done
echo "$failed of $total runs failed ($busy busy loops beside them)"
[ "$failed" -eq 0 ]
