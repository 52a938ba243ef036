#!/usr/bin/env bash
# Single-node Kafka (KRaft, broker+controller in one JVM) for dev and CI without Docker.
# Jars come from Maven Central through deploy/kafka/pom.xml, so Java 17+ and Maven are all it needs.
# Usage: kafka.sh start|stop|status|reset   (env knobs below; see deploy/kafka/pom.xml for the version)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/pom.xml"
JARS="${QUADRANT_KAFKA_HOME:-$HOME/.cache/quadrant-kafka}/jars"
DATA="${QUADRANT_KAFKA_DATA:-/tmp/quadrant-kafka}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
PARTITIONS="${KAFKA_PARTITIONS:-3}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
PID_FILE="$DATA/kafka.pid"
LOG_FILE="$DATA/kafka.log"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "kafka.sh: $*" >&2; }
die() { log "$1"; exit 1; }
fail() { log "$1"; [[ -f "$LOG_FILE" ]] && { log "last lines of $LOG_FILE:"; tail -n 40 "$LOG_FILE" >&2; }; exit 1; }

# A stale pid file must not make us signal an unrelated process that reused the pid.
# /proc first because slim CI images often lack ps; ps for macOS.
running_pid() {
  local pid args
  pid="$(cat "$PID_FILE" 2>/dev/null)" && [[ -n "$pid" ]] || return 1
  if [[ -d /proc/$pid ]]; then args="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  else args="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1; fi
  [[ "$args" == *kafka.Kafka* ]] && echo "$pid"
}

# Cheap TCP check first: launching a JVM per poll while the port is still closed wastes seconds.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# An open port is not enough: the broker only answers metadata once it has joined the KRaft quorum
# and been unfenced, which is what clients actually need.
broker_ready() {
  port_open "$PORT" || return 1
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -cp "$JARS/*" -Dlog4j2.configurationFile="$DATA/log4j2.properties" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --list \
    --command-config "$DATA/probe.properties" >/dev/null 2>&1
}

# Keyed on the pom checksum so bumping the Kafka version in pom.xml refetches instead of mixing jars.
fetch_jars() {
  local sum; sum="$(cksum <"$POM")"
  [[ -f "$JARS/.complete" && "$(cat "$JARS/.complete")" == "$sum" ]] && return 0
  log "fetching Kafka jars from Maven Central into $JARS (first run only)"
  rm -rf "$JARS.tmp" && mkdir -p "$JARS.tmp"
  # Output captured: Debian's Maven 3.8 prints stray ANSI resets even with -q -B; show it only on failure.
  "${MVN:-mvn}" -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$JARS.tmp" >"$JARS.tmp.log" 2>&1 || { cat "$JARS.tmp.log" >&2; die "jar fetch failed"; }
  echo "$sum" >"$JARS.tmp/.complete"
  rm -rf "$JARS" "$JARS.tmp.log" && mv "$JARS.tmp" "$JARS"   # swap whole dir: an aborted fetch never looks complete
}

write_config() {
  mkdir -p "$DATA"
  # Rewritten every start so port/partition env changes apply without a reset.
  # Static voter list (not --standalone dynamic quorum) so the controller port can change later.
  cat >"$DATA/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA/kraft-logs
num.partitions=$PARTITIONS
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # Short client timeouts so a probe fails fast instead of hanging (no coreutils `timeout` on macOS).
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=8000\n' >"$DATA/probe.properties"
  # Without a config log4j2 only prints errors; INFO to stdout lands in $LOG_FILE via redirection.
  cat >"$DATA/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
}

wait_ready() {
  local deadline=$((SECONDS + TIMEOUT)) pid
  pid="$(cat "$PID_FILE" 2>/dev/null)"
  until broker_ready; do
    # kill -0, not running_pid: right after the fork the child has not exec'd java yet, so its command
    # line does not name kafka.Kafka for a moment.
    kill -0 "$pid" 2>/dev/null || fail "broker process exited during startup"
    ((SECONDS < deadline)) || fail "broker not ready after ${TIMEOUT}s"
    sleep 1
  done
  log "ready on 127.0.0.1:$PORT (pid $(running_pid), data $DATA, log $LOG_FILE)"
}

start() {
  if [[ -n "$(running_pid)" ]]; then
    broker_ready && { log "already running and reachable on 127.0.0.1:$PORT"; return 0; }
    log "already running but not ready yet; waiting"; wait_ready; return 0
  fi
  # Something else (another Kafka, a container) on our ports would make the readiness probe lie.
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_open "$p" && die "port $p is already in use by another process"
  done
  fetch_jars
  write_config
  local cp="$JARS/*" props="$DATA/server.properties"
  if [[ ! -f "$DATA/kraft-logs/meta.properties" ]]; then
    local cluster_id; cluster_id="$("$JAVA" -cp "$cp" kafka.tools.StorageTool random-uuid)"
    "$JAVA" -cp "$cp" -Dlog4j2.configurationFile="$DATA/log4j2.properties" kafka.tools.StorageTool \
      format -t "$cluster_id" -c "$props" >"$DATA/format.log" 2>&1 || { cat "$DATA/format.log" >&2; die "storage format failed"; }
  fi
  # nohup: survive the terminal/CI step shell exiting; background jobs in scripts already ignore SIGINT.
  # 9>&-: the broker must not inherit the lock, or every later kafka.sh call would block on it.
  nohup "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$DATA/log4j2.properties" -cp "$cp" kafka.Kafka "$props" \
    >"$LOG_FILE" 2>&1 </dev/null 9>&- &
  echo $! >"$PID_FILE"
  wait_ready
}

stop() {
  local pid; pid="$(running_pid)" || { rm -f "$PID_FILE"; log "not running"; return 0; }
  kill -TERM "$pid"
  # Controlled shutdown normally takes a few seconds; don't let a wedged JVM hang CI.
  for _ in $(seq 1 30); do
    [[ -n "$(running_pid)" ]] || { rm -f "$PID_FILE"; log "stopped (pid $pid)"; return 0; }
    sleep 1
  done
  log "no exit after 30s, sending SIGKILL to $pid"; kill -KILL "$pid" 2>/dev/null || true; sleep 1; rm -f "$PID_FILE"
}

status() {
  local pid; pid="$(running_pid)" || { log "not running"; return 3; }
  broker_ready || { log "running (pid $pid), NOT ready"; return 1; }
  log "running (pid $pid), ready on 127.0.0.1:$PORT"
}

# Serialise parallel invocations (e.g. several CI jobs calling start) where flock exists (not macOS).
if command -v flock >/dev/null; then mkdir -p "$(dirname "$DATA")"; exec 9>"$DATA.lock"; flock 9; fi

case "${1:-}" in
  start | stop | status) "$1" ;;
  reset) stop; rm -rf "$DATA"; log "wiped $DATA (jar cache kept)" ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
