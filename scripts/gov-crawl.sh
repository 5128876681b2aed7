# Sourced by scripts/discovery-check.sh and scripts/discovery-day1.sh: `gov_crawl LABEL OUT
# [flags...]` crawls $seed with the ${resolve[@]} options into $WORK/archive with the shipped
# defaults (from the empty directory $WORK/run, so no ./crawl.conf is read), output in OUT;
# prints the exit code, the time and the last lines; sets status=1 unless exit 0 or 3.
gov_crawl() {
  local label=$1 out=$2 rc=0 start
  shift 2
  mkdir -p "$WORK/run"
  start=$(date +%s)
  (cd "$WORK/run" && "$(cd "$OLDPWD" && realpath "$BIN")" crawl --seed "$seed" "${resolve[@]}" \
    --archive "$WORK/archive" --quiet "$@") > "$out" 2>&1 || rc=$?
  echo "$label exit code: $rc ($(( $(date +%s) - start )) s)"
  tail -3 "$out"
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "FAIL $label exit code $rc"; status=1; }
}
