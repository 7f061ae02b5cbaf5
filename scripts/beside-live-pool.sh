#!/usr/bin/env bash
# Runs a command (CI: `make test`) beside a live `make run` pool and fails unless the pool comes
# out of it intact: the same Valkey keys and values, Caddy server and routes, containers, shop
# databases and users, and every shop still answering through Caddy. Uses the pool `make run`
# already serves here, or starts one and stops it afterwards; each run holds one freshly acquired
# shop (releasing the previous run's). Usage: scripts/beside-live-pool.sh COMMAND [ARG...]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
source scripts/settings.sh
log() { printf '[live pool] %s\n' "$*" >&2; }

deployment=$(setting DEPLOYMENT_NAME demo)
valkey=$(setting VALKEY_ADDR 127.0.0.1:6379)
caddy=$(setting CADDY_ADMIN_URL http://127.0.0.1:2019)
server=$(setting CADDY_SERVER_NAME "$deployment")
api="http://127.0.0.1:$(setting SERVER_PORT 8080)"
public_port=$(setting PUBLIC_PORT 80)
base_domain=$(setting BASE_DOMAIN demo.localhost)
redis=(redis-cli -h "${valkey%:*}" -p "${valkey##*:}")

stats() { curl -sf "$api/api/v1/pool/stats"; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# Everything of the deployment that a test could damage, in a stable order.
snapshot() {
  echo "## valkey"
  # One line per field or member, so that a diff shows just what changed.
  "${redis[@]}" --scan --pattern "{$deployment}:*" | sort | while read -r key; do
    # The replicas' heartbeats change every second: only who is alive must stay the same.
    if [[ $key == "{$deployment}:replicas" ]]; then "${redis[@]}" hkeys "$key" | sort | sed "s/^/$key /"; continue; fi
    case $("${redis[@]}" type "$key") in
      hash) "${redis[@]}" hgetall "$key" | paste -d' ' - - | sort ;;
      list) "${redis[@]}" lrange "$key" 0 -1 ;;
      set) "${redis[@]}" smembers "$key" | sort ;;
      zset) "${redis[@]}" zrange "$key" 0 -1 withscores | paste -d' ' - - ;;
      string) "${redis[@]}" get "$key" ;;
    esac | sed "s/^/$key /"
  done
  echo "## caddy server $server"
  # One route a line, so that a shop left out takes only its own route with it.
  curl -sf "$caddy/config/apps/http/servers/$server" | sed -e 's/"routes":\[/"routes":[\n/' -e 's/},{"@id"/},\n{"@id"/g'
  echo
  echo "## containers"
  docker ps -a --no-trunc --filter "label=demo-multiplexer.deployment=$deployment" \
    --format '{{.ID}} {{.Names}} {{.State}}' | sort
  echo "## databases and users"
  mysql -N -e "SELECT schema_name FROM information_schema.schemata UNION ALL SELECT user FROM mysql.user" \
    | grep -E "$(shop_database_pattern)" | sort
}

# The snapshot without the shops that expire meanwhile.
compared() { snapshot | leave_out_expiring; }

started=no
if ! stats >/dev/null 2>&1; then
  log "starting make run (log: var/live-pool.log)"
  setsid make run >var/live-pool.log 2>&1 </dev/null &
  make_run=$!
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
    if [[ $started == yes ]] && ! kill -0 "$make_run" 2>/dev/null; then
      log "make run ended"; tail -30 var/live-pool.log >&2; return 1
    fi
    sleep 1
  done
  log "the pool did not settle: $(stats || echo 'no answer')"; tail -30 var/live-pool.log >&2; return 1
}
settled=$(wait_until_settled)
# A freshly assigned shop, so the owner token, the expiry and a client's limits are watched too:
# the previous run's is released (its 30 minutes could run out during this one), and each run
# acquires as a client address of its own (from loopback, Caddy's, the service believes it).
acquired=var/live-pool.acquired
if [[ -f $acquired ]]; then
  read -r id token <$acquired
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$api/api/v1/demo/$id" || true
fi
answer=$(curl -sS -f -X POST -H "X-Forwarded-For: 198.51.100.$((RANDOM % 254 + 1))" "$api/api/v1/demo/acquire") \
  || { log "acquire refused"; exit 1; }
sed -n 's/.*"id":"\([a-z2-7]*\)".*"token":"\([^"]*\)".*/\1 \2/p' <<<"$answer" >$acquired
settled=$(wait_until_settled)
# A shop that expires while the command runs (an earlier run's, a prospect's) leaves the pool
# legitimately: shops expiring within the next 25 minutes (longer than CI takes; its own shop lives 30) are
# left out of the comparison, with their ports. Expiries are on the service's clock.
horizon_ms=$(( ($(date +%s) + 25 * 60) * 1000 ))
# (redis-cli answers an empty list with an empty line: that is no shop.)
mapfile -t expiring < <("${redis[@]}" zrangebyscore "{$deployment}:assigned" -inf "$horizon_ms" | sed '/^$/d')
expiring_ports=()
for id in "${expiring[@]}"; do
  expiring_ports+=("$("${redis[@]}" hget "{$deployment}:instances" "$id" | sed -n 's/.*"port":"\([0-9]*\)".*/\1/p')")
done
if ((${#expiring[@]})); then
  log "leaving out ${#expiring[@]} shops that expire within 25 minutes: ${expiring[*]}"
fi
leave_out_expiring() {
  if ((${#expiring[@]} == 0)); then cat; return; fi
  local ids ports
  ids=$(IFS='|'; echo "${expiring[*]}")
  ports=$(IFS='|'; echo "${expiring_ports[*]}")
  grep -v -E "$ids" | grep -v -E "^\{$deployment\}:ports:free ($ports)\$" || true
}
before=$(compared)
shops=$(docker ps -q --filter "label=demo-multiplexer.deployment=$deployment" | wc -l)
# The comparison below means something only if there is something to compare.
if (( shops == 0 )) || ! grep -q "\"@id\":\"$deployment-" <<<"$before"; then
  log "no live shop to watch: $settled"; exit 1
fi
log "watching $shops shops of deployment $deployment ($settled) while: $*"

status=0
"$@" || status=$?

after=$(compared)
damaged=0
if [[ "$before" != "$after" ]]; then
  log "the live pool changed:"; diff <(echo "$before") <(echo "$after") || true; damaged=1
fi
# Every shop still there answers (the comparison above says that none of the others went).
for id in $(docker ps --filter "label=demo-multiplexer.deployment=$deployment" \
              --format '{{.Label "demo-multiplexer.instance"}}'); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $id.$base_domain" "http://127.0.0.1:$public_port/")
  if [[ $code != 200 ]]; then log "shop $id answers $code through Caddy"; damaged=1; fi
done
if (( damaged )); then
  log "FAILED: the live pool was damaged"; exit 1
fi
log "intact: $shops shops, their keys, routes, containers and databases unchanged, each answering 200"
exit $status
