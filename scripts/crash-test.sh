#!/usr/bin/env bash
# Crash safety on the embedded default (H2 file database): kill -9 the application during a steady load of case
# submissions, restart it, and check that every case answered 201 exists with its process instance and that there is
# no case without a process instance or the reverse.
#
#   ./mvnw -B -q package -DskipTests && scripts/crash-test.sh [seconds-of-load-before-kill] [parallel-clients] [rounds]
#
# Uses target/civicflow-*.jar, a fresh database under target/crash-test/, port 18090 (CRASH_PORT), the demo API
# credentials demo-client/demo, and the default H2 URL of application.yml unchanged (the application runs in
# target/crash-test/, so its ./data/civicflow is the test's own database). CRASH_GROUP_COMMIT=false switches off the group commit
# (config/GroupCommitTransactionManager), which leaves commits to H2's background writer and loses some to kill -9. Exit code 0 = nothing lost. Results in target/crash-test/result.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS=${1:-20}
CLIENTS=${2:-4}
ROUNDS=${3:-1}
PORT=${CRASH_PORT:-18090}
DIR=target/crash-test
JAR=$(ls target/civicflow-*.jar | grep -v original | head -1)
H2_JAR=$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | tail -1)
DB="$PWD/$DIR/data/civicflow"   # the default URL's ./data/civicflow, from $DIR
BASE=http://127.0.0.1:$PORT
rm -rf "$DIR" && mkdir -p "$DIR/accepted"
cp "$JAR" "$DIR/civicflow.jar" && JAR="$PWD/$DIR/civicflow.jar"   # a rebuild meanwhile does not disturb the test

start_app() {
  (cd "$DIR" && exec java -Xmx768m -jar "$JAR" --server.port="$PORT" \
    --civicflow.database.group-commit="${CRASH_GROUP_COMMIT:-true}") \
    >>"$DIR/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do
    if curl -fs "$BASE/actuator/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "application exited during start-up, see $DIR/app.log"; exit 2; }
    sleep 1
  done
  echo "application did not start in 300 s"; exit 2
}

client() { # $1 = client number, $2 = round: submits until killed, records each 201's business key
  local n=0
  while true; do
    n=$((n + 1))
    local body code
    body=$(curl -s -o "$DIR/accepted/r$2c$1.body" -w '%{http_code}' -u demo-client:demo \
      -H 'Content-Type: application/json' -H "Idempotency-Key: crash-r$2-c$1-$n" "$BASE/api/v1/cases" \
      -d "{\"category\":\"noise\",\"description\":\"crash test r$2 c$1 n$n 广场舞音响太吵\",\"divisionCode\":\"500103003\",\"channel\":\"hotline\"}")
    code=$body
    if [ "$code" = 201 ]; then
      grep -o '"businessKey":"[^"]*"' "$DIR/accepted/r$2c$1.body" | head -1 | cut -d'"' -f4 >>"$DIR/accepted/keys.r$2c$1"
    else
      echo "$code" >>"$DIR/accepted/other.r$2c$1"
    fi
  done
}

sql() { java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$DB" -user sa -password '' -sql "$1" ; }

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round: starting the application"
  start_app
  pids=()
  for c in $(seq 1 "$CLIENTS"); do client "$c" "$round" & pids+=($!); done
  sleep "$LOAD_SECONDS"
  echo "round $round: kill -9 $APP_PID under load"
  kill -9 "$APP_PID"
  sleep 1
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait "$APP_PID" 2>/dev/null
done

echo "restarting after the crash"
start_app
curl -fs "$BASE/actuator/health"; echo
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null   # a clean stop, then read the database directly

cat "$DIR"/accepted/keys.* 2>/dev/null | sort -u >"$DIR/accepted.txt"
sql "SELECT business_key FROM cf_case ORDER BY business_key" | grep -o 'CQ-[0-9-]*' | sort -u >"$DIR/stored.txt"
accepted=$(wc -l <"$DIR/accepted.txt")
stored=$(wc -l <"$DIR/stored.txt")
lost=$(comm -23 "$DIR/accepted.txt" "$DIR/stored.txt" | wc -l)
not_answered=$(comm -13 "$DIR/accepted.txt" "$DIR/stored.txt" | wc -l)
other=$(cat "$DIR"/accepted/other.* 2>/dev/null | sort | uniq -c | tr '\n' ' ')
count() { sql "$1" | grep -E '^[0-9]+ *$' | tr -d ' ' | head -1; }
no_pi=$(count "SELECT COUNT(*) FROM cf_case c WHERE NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = c.process_instance_id AND p.BUSINESS_KEY_ = c.business_key)")
no_running=$(count "SELECT COUNT(*) FROM cf_case c WHERE c.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.ID_ = c.process_instance_id)")
no_case=$(count "SELECT COUNT(*) FROM ACT_HI_PROCINST p WHERE p.PROC_DEF_KEY_ = 'citizenRequest' AND NOT EXISTS (SELECT 1 FROM cf_case c WHERE c.process_instance_id = p.ID_)")
no_case_ru=$(count "SELECT COUNT(*) FROM ACT_RU_EXECUTION e WHERE e.ID_ = e.PROC_INST_ID_ AND NOT EXISTS (SELECT 1 FROM cf_case c WHERE c.process_instance_id = e.ID_)")

{
  echo "crash test $(date -u +%FT%TZ): $ROUNDS round(s) of kill -9 after ${LOAD_SECONDS}s of load from $CLIENTS clients"
  echo "answered 201: $accepted; cases stored: $stored; answered 201 but missing: $lost; stored but never answered 201 (in flight at the kill): $not_answered"
  echo "other answers / connection failures (code count): ${other:-none}"
  echo "cases without a process instance: $no_pi (open cases without a running instance: $no_running)"
  echo "citizen-request process instances without a case: $no_case (running: $no_case_ru)"
} | tee "$DIR/result.txt"
[ "$lost" = 0 ] && [ "$no_pi" = 0 ] && [ "$no_running" = 0 ] && [ "$no_case" = 0 ] && [ "$no_case_ru" = 0 ]
