#!/usr/bin/env bash
# Destroys every shop of a deployment: its containers (found by label), their Caddy routes, their
# databases and users on MariaDB, and the deployment's Valkey state (records, pool, ports). Stop the service first
# (`make stop`), or its replenisher starts new shops at once. Reads DEPLOYMENT_NAME,
# CADDY_ADMIN_URL and VALKEY_ADDR from the environment, then .env, then the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/settings.sh
deployment=$(setting DEPLOYMENT_NAME demo)
caddy=$(setting CADDY_ADMIN_URL http://127.0.0.1:2019)
valkey=$(setting VALKEY_ADDR 127.0.0.1:6379)
password=$(setting VALKEY_PASSWORD "")

removed=0
for container in $(docker ps -aq --filter "label=demo-multiplexer.deployment=$deployment"); do
  id=$(docker inspect -f '{{index .Config.Labels "demo-multiplexer.instance"}}' "$container")
  curl -s -o /dev/null -X DELETE "$caddy/id/$deployment-$id" || true
  docker rm -f "$container" >/dev/null
  removed=$((removed + 1))
done
redis=(redis-cli -h "${valkey%:*}" -p "${valkey##*:}")
[[ -n $password ]] && redis+=(-a "$password" --no-auth-warning)
# Routes of shops whose container was already gone are found through their records.
for id in $("${redis[@]}" hkeys "{$deployment}:instances"); do
  curl -s -o /dev/null -X DELETE "$caddy/id/$deployment-$id" || true
done
# Every shop database and user of the deployment (root reaches MariaDB through its socket).
dropped=0
if command -v mysql >/dev/null && mysql -e 'SELECT 1' >/dev/null 2>&1; then
  for name in $(mysql -N -e "SELECT schema_name FROM information_schema.schemata UNION SELECT user FROM mysql.user" \
                | grep -E "$(shop_database_pattern)" | sort -u); do
    mysql -e "DROP DATABASE IF EXISTS \`$name\`; DROP USER IF EXISTS '$name'@'%'"
    dropped=$((dropped + 1))
  done
fi
keys=$("${redis[@]}" --scan --pattern "{$deployment}:*" | wc -l)
"${redis[@]}" --scan --pattern "{$deployment}:*" | xargs -r "${redis[@]}" del >/dev/null
echo "deployment $deployment: removed $removed containers, $dropped shop databases and $keys Valkey keys"
