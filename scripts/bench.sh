#!/usr/bin/env bash
# Benchmarks for the targets in the README (release build, this machine).
# Usage: scripts/bench.sh [RUNS]   (needs /usr/bin/time; uses the sqlite3 shell when present)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
cargo build --release --quiet --bins --examples
bin=target/release/mlpath
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MLPATH_NOW=2026-11-28T09:00:00Z COLUMNS=120 NO_COLOR=1

target/release/examples/genlist 10000 > "$work/10k.md"
target/release/examples/genlist 100000 > "$work/100k.md"
printf 'list sizes: 10k items %s bytes, 100k items %s bytes\n' "$(wc -c < "$work/10k.md")" "$(wc -c < "$work/100k.md")"

# Median wall time in ms of a command run $runs times, after one warm-up run.
median_ms() {
  local times=() start end
  "$@" > /dev/null 2>&1
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" > /dev/null 2>&1; end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# Peak RSS in MB of one run of a command (its output goes nowhere).
peak_mb() {
  local rss
  rss=$( { /usr/bin/time -f '%M' "$@" > /dev/null; } 2>&1 | tail -1)
  [[ $rss =~ ^[0-9]+$ ]] || { echo "failed: $* ($rss)" >&2; exit 1; }
  awk -v k="$rss" 'BEGIN {printf "%.1f", k/1024}'
}

# Median and fastest wall ms, and the largest peak RSS, of $2 imports into fresh databases.
fresh_import() {
  local list=$1 n=$2 times=() rss_max=0 start end rss db
  for i in $(seq "$n"); do
    db="$work/fresh-$i.db"
    start=$(date +%s%N)
    rss=$( { /usr/bin/time -f '%M' "$bin" --db "$db" import "$list" > /dev/null; } 2>&1 | tail -1)
    end=$(date +%s%N)
    [[ $rss =~ ^[0-9]+$ ]] || { echo "import failed: $rss" >&2; exit 1; }
    times+=($(( (end - start) / 1000 )))
    (( rss > rss_max )) && rss_max=$rss
    rm -f "$db" "$db-wal" "$db-shm"
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss_max" \
    '{a[NR]=$1} END {printf "median %.1f ms, fastest %.1f ms, peak RSS %.1f MB", a[int((NR+1)/2)]/1000, a[1]/1000, rss/1024}'
}

echo "import 10k into a new database ($runs runs):  $(fresh_import "$work/10k.md" "$runs")"
"$bin" --db "$work/10k.db" import "$work/10k.md" > /dev/null
echo "re-import 10k unchanged (median of $runs): $(median_ms "$bin" --db "$work/10k.db" import "$work/10k.md") ms"
echo "list table of the 10k items, COLUMNS=120 (median of $runs): $(median_ms "$bin" --db "$work/10k.db" list) ms"
# Before each command the recorded list file is stat'ed (issue 10): refresh on against off.
# Runs alternate between on and off, so that a slow phase of the machine hits both alike.
refresh_on=() refresh_off=()
for _ in $(seq $((runs * 5))); do
  start=$(date +%s%N); "$bin" --db "$work/10k.db" status > /dev/null 2>&1; end=$(date +%s%N)
  refresh_on+=($(( (end - start) / 1000 )))
  start=$(date +%s%N); MLPATH_NO_REFRESH=1 "$bin" --db "$work/10k.db" status > /dev/null 2>&1; end=$(date +%s%N)
  refresh_off+=($(( (end - start) / 1000 )))
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, fastest %.1f ms", a[int((NR+1)/2)]/1000, a[1]/1000}'; }
echo "status of the 10k list, $((runs * 5)) alternating runs: refresh on $(med "${refresh_on[@]}"); MLPATH_NO_REFRESH=1 $(med "${refresh_off[@]}")"
echo "- [One more paper](https://example.org/one-more)" >> "$work/10k.md"
start=$(date +%s%N); "$bin" --db "$work/10k.db" status > /dev/null 2>&1; end=$(date +%s%N)
echo "status of the 10k list right after one item was added to its file (re-import, 1 run): $(( (end - start) / 1000000 )) ms"
echo "import 100k into a new database (3 runs):   $(fresh_import "$work/100k.md" 3)"
# Every title gives the slug `attention-is-all-you-need`: suffixes -2 … -100000 (issue 9 point 5).
target/release/examples/genlist 100000 --same-title > "$work/same.md"
echo "import 100k items with one title (3 runs):  $(fresh_import "$work/same.md" 3)"

db="$work/100k.db"
fresh=$(peak_mb "$bin" --db "$db" import "$work/100k.md")
again=$(peak_mb "$bin" --db "$db" import "$work/100k.md")
echo "peak RSS, 100k items: import into a new database $fresh MB, re-import unchanged $again MB ($(awk -v a="$again" -v f="$fresh" 'BEGIN {printf "%.2f", a/f}')x)"
target/release/examples/genevents "$db" 100000
echo "with 100,000 items and 100,000 events (median of $runs):"
# `stats` reads every study event once (added up by hour); its target is about 2x `status`.
for cmd in "status" "stats" "next" "list --status started"; do
  # shellcheck disable=SC2086
  echo "  mlpath $cmd: $(median_ms "$bin" --db "$db" $cmd) ms"
done
echo "  mlpath report -o FILE (target: under 3 s): $(median_ms "$bin" --db "$db" report -o "$work/report.html") ms, a page of $(( $(wc -c < "$work/report.html") / 1024 / 1024 )) MB"
echo "peak RSS with 100,000 items and 100,000 events:"
for cmd in "list --all --json" "export --format json" "export --format csv" "export --format markdown" "list" "report -o -"; do
  # shellcheck disable=SC2086
  echo "  mlpath $cmd: $(peak_mb "$bin" --db "$db" $cmd) MB"
done
if command -v sqlite3 > /dev/null; then
  echo "sqlite3 shell, equivalent queries on the same file (median of $runs):"
  echo "  status (counts per section): $(median_ms sqlite3 "$db" "SELECT s.path, i.status, count(*), min(i.position) FROM items i JOIN sections s ON s.id = i.section_id WHERE i.removed = 0 GROUP BY i.section_id, i.status") ms"
  echo "  next (first todo items):     $(median_ms sqlite3 "$db" "SELECT * FROM items WHERE removed = 0 AND status IN ('todo', 'started') ORDER BY position LIMIT 3") ms"
  echo "  list --status started:       $(median_ms sqlite3 "$db" "SELECT * FROM items WHERE removed = 0 AND status = 'started' ORDER BY position") ms"
  echo "  stats (study events counted): $(median_ms sqlite3 "$db" "SELECT count(*), sum(e.kind = 'done'), sum(e.kind = 'review'), sum(e.spent_s) FROM events e WHERE e.kind IN ('start', 'done', 'review', 'note', 'session') AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id) AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.id = e.command_id AND c.origin IN ('import', 'refresh'))") ms"
fi

# `next` with many items in progress: it reads the few most recently touched started items
# through the items_recent index, so its time should not grow with their number.
started_db="$work/100k-started.db"
"$bin" --db "$started_db" import "$work/100k.md" > /dev/null
target/release/examples/genstarted "$started_db" 20000
echo "with 100,000 items of which 20,000 started (median of $runs):"
echo "  mlpath next: $(median_ms "$bin" --db "$started_db" next) ms"
if command -v sqlite3 > /dev/null; then
  recent="SELECT id, position, status, started_at, last_event_at FROM items INDEXED BY"
  recent_where="WHERE removed = 0 AND status = 'started' ORDER BY last_event_at DESC LIMIT 3"
  echo "  sqlite3, next's started items through items_recent (schema 4): $(median_ms sqlite3 "$started_db" "$recent items_recent $recent_where") ms"
  echo "  sqlite3, the same through items_status (before schema 4: all sorted): $(median_ms sqlite3 "$started_db" "$recent items_status $recent_where") ms"
fi

# The review queue (issue 12): 10,000 of the 100,000 items are papers done over the last year, so
# each has a review card; `due` and `next` read the due ones through the partial index on due_at.
review_db="$work/100k-reviews.db"
"$bin" --db "$review_db" import "$work/100k.md" > /dev/null
target/release/examples/genstarted "$review_db" 10000 --done
echo "with 100,000 items of which 10,000 scheduled, $("$bin" --db "$review_db" due --json | grep -c '"slug"') due (median of $runs):"
echo "  mlpath due -n 20: $(median_ms "$bin" --db "$review_db" due -n 20) ms"
echo "  mlpath due (all): $(median_ms "$bin" --db "$review_db" due) ms"
echo "  mlpath next: $(median_ms "$bin" --db "$review_db" next) ms"
echo "  mlpath status: $(median_ms "$bin" --db "$review_db" status) ms"
echo "  mlpath --version (startup floor): $(median_ms "$bin" --version) ms"

# Sync (issue 14): 10,000 events out of one device's database into its journal, then into a
# second device's database; then a sync with nothing new (offsets: no journal is re-read).
sync_a="$work/sync-a.db" sync_b="$work/sync-b.db" journals="$work/journals"
"$bin" --db "$sync_a" import "$work/10k.md" > /dev/null
"$bin" --db "$sync_b" import "$work/10k.md" > /dev/null
target/release/examples/genstarted "$sync_a" 10000
cp "$sync_a" "$work/sync-a0.db"; cp "$sync_b" "$work/sync-b0.db"
out_times=() in_times=()
for _ in $(seq "$runs"); do
  cp "$work/sync-a0.db" "$sync_a"; cp "$work/sync-b0.db" "$sync_b"
  rm -rf "$journals" "$sync_a-wal" "$sync_b-wal"
  start=$(date +%s%N); "$bin" --db "$sync_a" sync "$journals" > /dev/null; end=$(date +%s%N)
  out_times+=($(( (end - start) / 1000 )))
  start=$(date +%s%N); "$bin" --db "$sync_b" sync "$journals" > /dev/null; end=$(date +%s%N)
  in_times+=($(( (end - start) / 1000 )))
done
echo "sync of 10,000 events, 10k items ($runs runs): out $(med "${out_times[@]}"); in $(med "${in_times[@]}")"
echo "  journal size: $(wc -c < "$(ls "$journals"/*.jsonl | head -1)") bytes"
echo "  sync with nothing new (median of $runs): $(median_ms "$bin" --db "$sync_b" sync) ms"
if command -v git > /dev/null; then
  git -C "$work" init -q repo
  git_env=(env GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@example.com)
  "${git_env[@]}" "$bin" --db "$sync_b" sync "$work/repo/journals" > /dev/null
  echo "  sync with nothing new in a git work tree without a remote (median of $runs): $(median_ms "${git_env[@]}" "$bin" --db "$sync_b" sync) ms"
fi
echo "  mlpath where (opening the database, the floor of every command on it): $(median_ms "$bin" --db "$sync_b" where) ms"
echo "  mlpath --version (startup floor): $(median_ms "$bin" --version) ms"
