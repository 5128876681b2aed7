#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/<name>/) with -sanitize=fuzzer,address and runs each for
# FUZZ_TIME seconds. Called by `make fuzz`; see README "Fuzzing".
#
#   FUZZ_TIME=600                 seconds per target (default 600)
#   FUZZ_TARGETS="url robots"     targets to run (default: all, in the order below)
#   FUZZ_OUT=.build-fuzz/runs     where each run's corpus, log and crash artifacts go
#
# Seeds: Fuzz/corpus/<name>/ (read only; regenerate with scripts/fuzz-seeds.py). New inputs go
# to $FUZZ_OUT/<name>/corpus, kept between runs; crashes, timeouts, leaks and OOMs to
# $FUZZ_OUT/<name>/artifacts/ (crash-*, timeout-*, leak-*, oom-*). Exit status 1 when any
# target found one (or a sanitizer report), 2 when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS="charset html extract warc robots conf url sitemap pagination"
FUZZ_TIME="${FUZZ_TIME:-600}"
FUZZ_TARGETS="${FUZZ_TARGETS:-$ALL_TARGETS}"
FUZZ_OUT="${FUZZ_OUT:-.build-fuzz/runs}"
SCRATCH=.build-fuzz
SWIFT="${SWIFT:-swift}"

for t in $FUZZ_TARGETS; do
  case " $ALL_TARGETS " in *" $t "*) ;; *) echo "fuzz: unknown target '$t' (targets: $ALL_TARGETS)" >&2; exit 2 ;; esac
done

# The fuzz targets exist in the manifest only with this variable (see Package.swift).
export PORTAL_ARCHIVER_FUZZ=1
build_flags=(-c release --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address -Xswiftc -g)
start=$(date +%s)
mkdir -p "$SCRATCH"
for t in $FUZZ_TARGETS; do
  echo "fuzz: building fuzz-$t"
  if ! nice -n 10 "$SWIFT" build "${build_flags[@]}" --product "fuzz-$t" >"$SCRATCH/build-$t.log" 2>&1; then
    grep -v -e '^\[' "$SCRATCH/build-$t.log" >&2 || true
    echo "fuzz: build of fuzz-$t failed (log $SCRATCH/build-$t.log)" >&2
    exit 2
  fi
done
bin="$(nice -n 10 "$SWIFT" build "${build_flags[@]}" --show-bin-path)"
echo "fuzz: build took $(( $(date +%s) - start )) s; binaries in $bin"

# ASan: report leaks too (libFuzzer's -detect_leaks needs it), and abort on the first report so
# that libFuzzer saves the input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:handle_abort=1}"
# Known leaks in dependencies (each one explained in the file) do not stop a run.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}"

summary=()
failed=0
for t in $FUZZ_TARGETS; do
  out="$FUZZ_OUT/$t"
  mkdir -p "$out/corpus" "$out/artifacts"
  seeds="Fuzz/corpus/$t"
  [ -d "$seeds" ] || seeds=""
  log="$out/fuzz.log"
  touch "$out/.started"
  echo "fuzz: running fuzz-$t for ${FUZZ_TIME}s (log $log)"
  set +e
  # TOMLKit 0.6's TOMLTable has no deinit: every parsed table stays allocated (Fuzz/lsan.supp).
  # fuzz-conf parses one per input, ~270 bytes live per execution: 968 MB of live heap after
  # 3.6 million executions (8 minutes) hit the 2 GB limit. Its limit is raised so that a
  # 10-minute run measures portal-archiver's code; a single input still may not pass 2 GB.
  rss=2048
  [ "$t" = conf ] && rss=8192
  # -fork=0: one process; on a crash libFuzzer stops, writes the input and exits non-zero.
  nice -n 10 "$bin/fuzz-$t" "$out/corpus" $seeds \
    -max_total_time="$FUZZ_TIME" -rss_limit_mb="$rss" -malloc_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/" -close_fd_mask=1 >"$log" 2>&1
  status=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # The last status line ("#N DONE cov: X ft: Y corp: …", or the last pulse/NEW line).
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  artifacts=$(find "$out/artifacts" -type f -newer "$out/.started" | wc -l)
  reports=$(grep -c -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|Fatal error' "$log" || true)
  # Without -fork libFuzzer stops at the first crash, timeout, leak or OOM and saves its input.
  crashes=$artifacts
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then
    failed=1
    echo "fuzz: fuzz-$t FAILED (exit $status); report and input:" >&2
    grep -E -A30 'ERROR:|Fatal error|==[0-9]+==' "$log" | head -60 >&2 || true
    ls -l "$out/artifacts" >&2 || true
  fi
  line=$(printf '%-8s execs %-10s exec/s %-7s cov %-6s ft %-7s corpus %-12s crashes %s  sanitizer-reports %s' \
    "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes" "$reports")
  echo "fuzz: $line"
  summary+=("$line")
done

echo
echo "fuzz summary (${FUZZ_TIME}s per target; artifacts under $FUZZ_OUT/<target>/artifacts):"
printf '  %s\n' "${summary[@]}"
exit "$failed"
