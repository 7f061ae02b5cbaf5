#!/usr/bin/env bash
# Runs a command (CI: `make test`) beside a live `make run` pool and fails unless the pool comes
# out of it intact: the same Valkey keys and values, Caddy server and routes, containers, shop
# databases and users, and every shop still answering through Caddy. Uses the pool `make run`
# already serves here, or starts one (one shop acquired, so assigned state and a client's limits
# are on record too) and stops it afterwards. Usage: scripts/beside-live-pool.sh COMMAND [ARG...]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
source scripts/settings.sh
log() { printf '[live pool] %s\n' "$*"; }

deployment=$(setting DEPLOYMENT_NAME demo)
valkey=$(setting VALKEY_ADDR 127.0.0.1:6379)
caddy=$(setting CADDY_ADMIN_URL http://127.0.0.1:2019)
server=$(setting CADDY_SERVER_NAME demo)
api="http://127.0.0.1:$(setting SERVER_PORT 8080)"
public_port=$(setting PUBLIC_PORT 80)
base_domain=$(setting BASE_DOMAIN demo.localhost)
redis=(redis-cli -h "${valkey%:*}" -p "${valkey##*:}")

stats() { curl -sf "$api/api/v1/pool/stats"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# Everything of the deployment that a test could damage, in a stable order.
snapshot() {
  echo "## valkey"
  "${redis[@]}" --scan --pattern "{$deployment}:*" | sort | while read -r key; do
    case $("${redis[@]}" type "$key") in
      hash) echo "$key $("${redis[@]}" hgetall "$key" | paste -sd' ')" ;;
      list) echo "$key $("${redis[@]}" lrange "$key" 0 -1 | paste -sd' ')" ;;
      set) echo "$key $("${redis[@]}" smembers "$key" | sort -n | paste -sd' ')" ;;
      zset) echo "$key $("${redis[@]}" zrange "$key" 0 -1 withscores | paste -sd' ')" ;;
      string) echo "$key $("${redis[@]}" get "$key")" ;;
    esac
  done
  echo "## caddy server $server"
  curl -sf "$caddy/config/apps/http/servers/$server"; echo
  echo "## containers"
  docker ps -a --no-trunc --filter "label=demo-multiplexer.deployment=$deployment" \
    --format '{{.ID}} {{.Names}} {{.State}}' | sort
  echo "## databases and users"
  mysql -N -e "SELECT schema_name FROM information_schema.schemata UNION ALL SELECT user FROM mysql.user" \
    | grep -E "$(shop_database_pattern)" | sort
}

started=no
if ! stats >/dev/null 2>&1; then
  log "starting make run (log: var/live-pool.log)"
  setsid make run >var/live-pool.log 2>&1 </dev/null &
  started=yes
fi
stop_pool() { if [[ $started == yes ]]; then scripts/stop.sh >/dev/null; fi; }
trap stop_pool EXIT

wait_until_settled() { # the pool at its target with nothing warming, within 15 minutes (a first `make run` installs and builds)
  for _ in $(seq 900); do
    local now; now=$(stats 2>/dev/null || true)
    if [[ -n $now && $(field ready <<<"$now") == $(field target <<<"$now") && $(field warming <<<"$now") == 0 ]]; then
      echo "$now"; return 0
    fi
    sleep 1
  done
  log "the pool did not settle: $(stats || echo 'no answer')"; tail -30 var/live-pool.log; return 1
}
wait_until_settled >/dev/null
if [[ $started == yes ]]; then
  curl -sf -X POST "$api/api/v1/demo/acquire" >/dev/null
fi
settled=$(wait_until_settled)
before=$(snapshot)
shops=$(docker ps -q --filter "label=demo-multiplexer.deployment=$deployment" | wc -l)
# The comparison below means something only if there is something to compare.
if (( shops == 0 )) || ! grep -q "\"@id\":\"demo-" <<<"$before"; then
  log "no live shop to watch: $settled"; exit 1
fi
log "watching $shops shops of deployment $deployment ($settled) while: $*"

status=0
"$@" || status=$?

after=$(snapshot)
damaged=0
if [[ "$before" != "$after" ]]; then
  log "the live pool changed:"; diff <(echo "$before") <(echo "$after") || true; damaged=1
fi
for id in $(docker ps --filter "label=demo-multiplexer.deployment=$deployment" \
              --format '{{index .Labels "demo-multiplexer.instance"}}'); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $id.$base_domain" "http://127.0.0.1:$public_port/")
  if [[ $code != 200 ]]; then log "shop $id answers $code through Caddy"; damaged=1; fi
done
if (( damaged )); then
  log "FAILED: the live pool was damaged"; exit 1
fi
log "intact: $shops shops, their keys, routes, containers and databases unchanged, each answering 200"
exit $status
