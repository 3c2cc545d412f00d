#!/usr/bin/env bash
# CPU time per thread group of a running JVM (or any process), in hundredths of a second: run it
# before and after a benchmark and subtract. A group is the thread names without their number
# ("Default Executor-thread-12" -> "Default Executor-thread", cut to Linux's 15 characters). Threads
# that end in between (a shrinking pool) count only in the "(process)" line: compare the groups' sum with it.
#
#   bash scripts/thread-cpu.sh PID > before; ...; bash scripts/thread-cpu.sh PID > after
#   join -t'|' before after | awk -F'|' '{printf "%8.1f s  %s\n", ($3-$2)/100, $1}' | sort -rn
set -euo pipefail
pid="${1:?usage: $0 PID}"
tick=$(getconf CLK_TCK)
{
for t in /proc/"$pid"/task/*; do
  name=$(cat "$t/comm" 2>/dev/null) || continue
  ticks=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
  echo "$(sed -E 's/[-#]?[0-9]+$//; s/ +$//' <<< "$name")|$ticks"
done | awk -F'|' -v tick="$tick" '{a[$1] += $2} END {for (k in a) print k "|" a[k] * 100 / tick}'
awk -v tick="$tick" '{print "(process)|" ($14 + $15) * 100 / tick}' /proc/"$pid"/stat
} | sort   # sorted by name, for join
