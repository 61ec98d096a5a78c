#!/usr/bin/env bash
# Runs Shootdown and SPIN on the same scenarios and prints one table.
#
#   Benchmarks/vs-spin.sh [MAX_N] [MIN_N]        (default 2..8; N = 9 and 10 run Shootdown only)
#
# SPIN models are read from ../shared/anchors/spin/ (beside the project root); SPIN comes from
# Debian's `spin` package and is installed if missing. Each run is limited to $TIMEOUT seconds
# (default 300). Shootdown runs as `shootdown check FILE --no-counterexamples $SHOOTDOWN_FLAGS`
# (default flags: `--storage fingerprint`; adding `--merge-registers` keeps of each device's
# registers only what the condition can tell apart, as the Promela model keeps one bit). Times
# are wall seconds of one run; memory is peak resident set size from /usr/bin/time -v. Bytes per
# state are given twice: Shootdown's peak memory over its stored states, and the growth of its
# peak over its start-up footprint (its peak on N = 2, policy (a), which stores a few hundred
# states) over the stored states. THREADS_N (default 7) also runs that N's policy (a) on 1 and 2
# threads, alternately, REPEAT times each (default 5), and reports the median wall and CPU times,
# with the share of steal time over those runs (a vCPU waiting for the host: the comparison then
# says little).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
anchors=${ANCHORS:-$root/../shared/anchors/spin}
max_n=${1:-8}
min_n=${2:-2}
timeout_s=${TIMEOUT:-300}
flags=${SHOOTDOWN_FLAGS:---storage fingerprint}
threads_n=${THREADS_N:-7}
repeat=${REPEAT:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -f "$anchors/cow_order.pml" ] || { echo "vs-spin: no SPIN models at $anchors" >&2; exit 2; }
if ! command -v spin >/dev/null; then
  echo "vs-spin: installing SPIN (Debian package spin)" >&2
  { apt-get update -qq && apt-get install -y -qq spin; } >/dev/null 2>&1 || { echo "vs-spin: cannot install spin" >&2; exit 2; }
fi
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null 2>&1; }
swift build -c release --product shootdown >/dev/null 2>&1 || { echo "vs-spin: release build failed" >&2; exit 2; }
shootdown=$root/.build/release/shootdown

# peak RSS in MB (in KiB) and wall seconds from a /usr/bin/time -v log
rss_mb() { awk '/Maximum resident set size/ {printf "%.0f", $NF/1024}' "$1"; }
rss_kb() { awk '/Maximum resident set size/ {print $NF}' "$1"; }
cpu_s() { awk '/User time|System time/ {s += $NF} END {printf "%.2f", s}' "$1"; }
wall_s() { awk '/Elapsed \(wall clock\)/ {n=split($NF,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"; }

# SPIN: generate + compile, then pan. Prints: verdict states pan_wall compile_s rss
run_spin() { # model defines panflags [ccflags]
  local model=$1 defines=$2 panflags=$3 ccflags=${4:--DSAFETY} dir
  dir=$(mktemp -d -p "$work")
  cp "$anchors/$model" "$dir/"
  local t0 t1
  t0=$(date +%s.%N)
  ( cd "$dir" && spin -a $defines "$model" >spin.out 2>&1 && gcc -O2 -DMEMLIM=16384 $ccflags -o pan pan.c >gcc.out 2>&1 ) || { echo "build-failed - - - -"; return; }
  t1=$(date +%s.%N)
  ( cd "$dir" && /usr/bin/time -v timeout "$timeout_s" ./pan $panflags >pan.out 2>time.out )
  local status=$?
  local states errors verdict
  states=$(awk '/states, stored/ {print $1; exit}' "$dir/pan.out")
  errors=$(awk '/errors:/ {print $NF; exit}' "$dir/pan.out")
  if [ "$status" = 124 ]; then verdict=timeout; elif [ "${errors:-1}" = 0 ]; then verdict=holds; else verdict=violated; fi
  printf "%s %s %s %.2f %s\n" "$verdict" "${states:--}" "$(wall_s "$dir/time.out")" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(rss_mb "$dir/time.out")"
}

# Shootdown: prints verdict states wall rss_mb rss_kb cpu (user + system seconds)
run_shootdown() { # file [extra flags]
  local file=$1 extra=${2:-} out=$work/sd.out log=$work/sd.time
  /usr/bin/time -v timeout "$timeout_s" "$shootdown" check "$file" --no-counterexamples $flags $extra >"$out" 2>"$log"
  local status=$?
  local states verdict
  states=$(awk '/^States/ {print $2; exit}' "$out")
  # The property SPIN checks: liveness where the scenario has an 'eventually' clause, else the
  # message-passing condition (~exists: holds when never observed).
  if [ "$status" = 124 ]; then verdict=timeout
  elif grep -q '^Eventually .* violated' "$out"; then verdict=violated
  elif grep -q '^Eventually .* holds' "$out"; then verdict=holds
  elif grep -q '^Observation .* Never' "$out"; then verdict=holds
  elif grep -q '^Observation' "$out"; then verdict=violated
  elif grep -q '^No$' "$out"; then verdict=violated
  else verdict=error; fi
  printf "%s %s %s %s %s %s\n" "$verdict" "${states:--}" "$(wall_s "$log")" "$(rss_mb "$log")" "$(rss_kb "$log")" "$(cpu_s "$log")"
}

# Shootdown's start-up footprint in KiB: its peak on the smallest bench scenario.
startup_kb=$(run_shootdown Benchmarks/scenarios/cow-order-N2.litmus | awk '{print $5}')

hashbits() { case $1 in 2|3|4) echo 20;; 5) echo 22;; 6) echo 24;; 7) echo 26;; *) echo 28;; esac; }

printf "| scenario | SPIN verdict | Shootdown verdict | SPIN states | Shootdown states | SPIN pan s | SPIN total s | Shootdown s | SPIN MB | Shootdown MB | Shootdown B/state | B/state above start-up | speed-up (pan) | speed-up (total) |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
row() { # label spin-result shootdown-result
  read -r sv ss sw sc sm <<<"$2"
  read -r dv ds dw dm dk _ <<<"$3"
  local total ratio pan_ratio per_state
  total=$(awk -v a="$sw" -v b="$sc" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a + b }')
  ratio=$(awk -v a="$total" -v b="$dw" 'BEGIN { if (a != "-" && b > 0) printf "%.1f×", a / b; else print "-" }')
  pan_ratio=$(awk -v a="$sw" -v b="$dw" 'BEGIN { if (a != "-" && b > 0) printf "%.1f×", a / b; else print "-" }')
  per_state=$(awk -v m="$dk" -v s="$ds" 'BEGIN { if (s > 0) printf "%.0f", m * 1024 / s; else print "-" }')
  above=$(awk -v m="$dk" -v b="$startup_kb" -v s="$ds" 'BEGIN { if (s > 0 && m > b) printf "%.1f", (m - b) * 1024 / s; else print "-" }')
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$1" "$sv" "$dv" "$ss" "$ds" "$sw" "$total" "$dw" "$sm" "$dm" "$per_state" "$above" "$pan_ratio" "$ratio"
}
no_spin="not-run - - 0 -"
# The thread comparison runs first, on a machine not yet loaded by SPIN's large runs. The two
# alternate so that a slow spell of the machine hits both, and each one's median is reported:
# on this shared two-vCPU machine single runs of the same build vary by up to ±30 %.
: >"$work/t1" && : >"$work/t2"
# CPU time of the whole machine so far, from /proc/stat: "steal total" in clock ticks (steal is
# time the hypervisor ran something else while a vCPU wanted to run).
cpu_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print $9, t }' /proc/stat 2>/dev/null; }
steal_note=""
if [ "$threads_n" -ge "$min_n" ] && [ "$threads_n" -le "$max_n" ]; then
  read -r steal0 total0 <<<"$(cpu_ticks)"
  for _ in $(seq "$repeat"); do
    one=$(run_shootdown Benchmarks/scenarios/cow-order-N$threads_n.litmus "--threads 1") && echo "$one" >>"$work/t1"
    two=$(run_shootdown Benchmarks/scenarios/cow-order-N$threads_n.litmus "--threads 2") && echo "$two" >>"$work/t2"
  done
  read -r steal1 total1 <<<"$(cpu_ticks)"
  if [ -n "${total1:-}" ] && [ "$total1" -gt "${total0:-0}" ]; then
    steal_note=$(awk -v s="$((steal1 - steal0))" -v t="$((total1 - total0))" 'BEGIN { printf "%.1f", 100 * s / t }')
  fi
fi
median() { sort -n | awk '{v[NR] = $1} END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for n in $(seq "$min_n" "$max_n"); do
  w=$(hashbits "$n")
  if [ "$n" -le 8 ]; then
    row "cow-order N=$n (a)" "$(run_spin cow_order.pml "-DN=$n" "-w$w")" "$(run_shootdown Benchmarks/scenarios/cow-order-N$n.litmus)"
    # SPIN stops at its first error; so does Shootdown here.
    row "cow-order N=$n (b)" "$(run_spin cow_order.pml "-DN=$n -DPOLICY_B" "-w$w")" "$(run_shootdown Benchmarks/scenarios/cow-order-N$n-b.litmus --stop-at-first-violation)"
  else
    # SPIN needs far more than this machine's memory beyond N = 8: Shootdown only.
    row "cow-order N=$n (a)" "$no_spin" "$(run_shootdown Benchmarks/scenarios/cow-order-N$n.litmus)"
  fi
done
if [ -s "$work/t1" ] && [ -s "$work/t2" ]; then
  for t in 1 2; do
    read -r v s _ m k _ <"$work/t$t"
    med=$(awk '{print $3}' "$work/t$t" | median)
    eval "cpu$t=$(awk '{print $6}' "$work/t$t" | median)"
    label="thread"; [ "$t" = 2 ] && label="threads"
    row "cow-order N=$threads_n (a), $t $label (median of $repeat)" "$no_spin" "$v $s $med $m $k"
    eval "median$t=$med"
  done
fi
# The livelock: SPIN checks <> devWriteDone with acceptance cycles under weak fairness (-a -f).
row "upgrade livelock v6.2" "$(run_spin perm_upgrade.pml "" "-w16 -a -f" " ")" "$(run_shootdown Scenarios/seeds/upgrade-livelock-v6.2.litmus)"
row "upgrade fixed (v6.6)" "$(run_spin perm_upgrade.pml "-DNOTIFY_UPGRADE" "-w16 -a -f" " ")" "$(run_shootdown Scenarios/seeds/upgrade-v6.6.litmus)"
if [ -n "${median1:-}" ] && [ -n "${median2:-}" ]; then
  echo
  awk -v a="$median1" -v b="$median2" -v n="$threads_n" -v r="$repeat" \
    'BEGIN { if (b > 0) printf "2 threads against 1 at N = %d (policy (a), median of %d runs each): %.2f s against %.2f s, %.2f×\n", n, r, b, a, a / b }'
  echo "  CPU seconds (user + system, medians): $cpu2 on 2 threads against $cpu1 on 1"
  [ -n "$steal_note" ] && echo "  Steal time during these runs (/proc/stat: the hypervisor running something else): $steal_note % of the vCPUs' time"
fi
echo "Shootdown's start-up footprint (its peak on N = 2): $((startup_kb / 1024)) MB"
