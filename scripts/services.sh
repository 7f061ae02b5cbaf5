#!/usr/bin/env bash
# Installs (from Debian's packages) and starts what demo-multiplexer needs on a bare Debian 12 host
# without systemd: the Docker engine, redis-server standing in for Valkey, nats-server, Caddy, MariaDB, and the
# stand-in shop image (plus promtool, which the tests use to check metrics and alert rules); with
# the argument `podman` (or CONTAINER_MODE=podman) also Podman's API service, with the stand-in image
# loaded into it. Idempotent: whatever already runs is left alone. Run as root.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/settings.sh"

log() { printf '[services] %s\n' "$*"; }

wait_for() { # wait_for <seconds> <what> <command...>
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "$what did not come up in ${seconds}s"; return 1
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v caddy >/dev/null || missing+=(caddy)
  command -v nats-server >/dev/null || missing+=(nats-server)  # lifecycle events (README, "Events")
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  command -v openssl >/dev/null || missing+=(openssl)  # MariaDB's CA and certificate
  command -v curl >/dev/null || missing+=(curl)
  command -v faketime >/dev/null || missing+=(faketime)  # make test-clock-skew
  command -v promtool >/dev/null || missing+=(prometheus)  # promtool checks metrics and alert rules
  command -v npm >/dev/null || missing+=(nodejs npm)  # make lint-openapi runs Redocly's linter
  # Headless Chromium and its driver for the browser tests of the signup page.
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if [[ $with_podman == true ]]; then command -v podman >/dev/null || missing+=(podman); fi
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Debian's packages try to start their services; policy-rc.d may refuse that, which is fine.
    apt-get install -y -qq "${missing[@]}" >var/apt.log 2>&1 || { tail -20 var/apt.log; exit 1; }
  fi
}

start_docker() {
  if ! docker info >/dev/null 2>&1; then
    log "starting dockerd"
    nohup dockerd >var/dockerd.log 2>&1 &
    wait_for 60 dockerd docker info
  fi
}

start_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting redis-server on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --logfile "$PWD/var/redis.log"
    wait_for 10 redis-server redis-cli -h 127.0.0.1 -p 6379 ping
  fi
}

# NATS with JetStream, for lifecycle events; its streams are kept under var/nats across restarts.
# Probed through its monitoring port (no nc on this host).
start_nats() {
  if ! curl -fs http://127.0.0.1:8222/healthz >/dev/null 2>&1; then
    log "starting nats-server (JetStream) on 127.0.0.1:4222"
    mkdir -p var/nats
    nohup nats-server -a 127.0.0.1 -p 4222 -m 8222 -js -sd "$PWD/var/nats" >var/nats.log 2>&1 &
    wait_for 10 nats-server curl -fs http://127.0.0.1:8222/healthz
  fi
}

# Shops run on a network of their own with traffic between containers turned off (the service
# creates it too; the same name and subnet, so whoever comes first makes it).
create_shop_network() {
  local network subnet
  network=$(setting SHOP_NETWORK demo-multiplexer-shops)
  subnet=$(setting SHOP_NETWORK_SUBNET 172.30.0.0/24)
  if ! docker network inspect "$network" >/dev/null 2>&1; then
    log "creating the shops' network $network ($subnet)"
    docker network create --driver bridge --subnet "$subnet" --gateway "$(gateway_of "$subnet")" \
      -o com.docker.network.bridge.enable_icc=false "$network" >/dev/null
  fi
}

gateway_of() { # the first address of an IPv4 subnet: 172.30.0.0/24 -> 172.30.0.1
  local address=${1%/*}
  echo "${address%.*}.$((${address##*.} + 1))"
}

# MariaDB listens on loopback (the service) and on the shop network's gateway, the only host
# address shops reach; flashlight's dump restore always uses port 3306.
configure_mariadb() {
  local gateway conf=/etc/mysql/mariadb.conf.d/60-demo-multiplexer.cnf
  gateway=$(gateway_of "$(setting SHOP_NETWORK_SUBNET 172.30.0.0/24)")
  local wanted
  wanted=$(printf '[mariadbd]\nbind-address = 127.0.0.1,%s\nport = 3306\n' "$gateway")
  if [[ "$(cat $conf 2>/dev/null)" != "$wanted" ]]; then
    log "configuring mariadb to listen on 127.0.0.1 and $gateway"
    printf '%s\n' "$wanted" > $conf
    service mariadb stop >>var/mariadb.log 2>&1 || true
  fi
}

start_mariadb() {
  if ! mysqladmin ping >/dev/null 2>&1; then
    log "starting mariadb"
    service mariadb start >>var/mariadb.log 2>&1 || true
    wait_for 30 mariadb mysqladmin ping
  fi
}

# The account the service provisions shop databases with (root logs in through the unix socket).
create_provisioning_account() {
  sed -e "s/\${MARIADB_ADMIN_USER}/$(setting MARIADB_ADMIN_USER demo_provisioner)/g" \
      -e "s/\${MARIADB_ADMIN_PASSWORD}/$(setting MARIADB_ADMIN_PASSWORD demo-provisioner-local)/g" \
      -e "s/\${SHOP_DB_PREFIX}/$(setting SHOP_DB_PREFIX shop_)/g" \
      deploy/mariadb/provisioning-account.sql | mysql
}

start_caddy() {
  if ! curl -sf http://127.0.0.1:2019/config/ >/dev/null 2>&1; then
    log "starting caddy (admin API on 127.0.0.1:2019)"
    # --resume restores the routes made through the admin API before a restart.
    nohup caddy run --config Caddyfile --adapter caddyfile --resume >var/caddy.log 2>&1 &
    wait_for 15 caddy curl -sf http://127.0.0.1:2019/config/
  fi
}

# The stand-in shop image (standin/README.md), built from Debian's packages by standin/build.sh
# and rebuilt only when a file under standin/ changes (the hash is a label of the image).
# STANDIN_REBUILD=1 rebuilds anyway, e.g. to pick up Debian security updates.
build_standin_image() {
  local image=${STANDIN_IMAGE:-demo-multiplexer/standin-shop:latest}
  local hash
  hash=$( (cd standin && find . -type f -not -name README.md | LC_ALL=C sort |
    xargs sha256sum) | sha256sum | cut -c1-16)
  if [[ ${STANDIN_REBUILD:-} == 1 ||
    "$(docker image inspect -f '{{index .Config.Labels "standin.hash"}}' "$image" 2>/dev/null)" != "$hash" ]]; then
    log "building $image from Debian packages"
    standin/build.sh "$image" "standin.hash=$hash" >var/standin-build.log 2>&1 || { cat var/standin-build.log; exit 1; }
  fi
}

# TLS for MariaDB. flashlight restores its dump with Alpine's MariaDB 11.4 client, which insists
# on TLS and verifies the server's certificate. A CA of our own signs MariaDB's certificate,
# valid for the shops' gateway address (MYSQL_HOST), 127.0.0.1 and localhost; the service copies
# var/mariadb-ca.pem (SHOP_DB_CA_FILE) into every shop before starting it. Clients without TLS
# (the service's own connection, PHP's) keep working: require_secure_transport stays off.
#
# mariadb_tls_files DIR GATEWAY: makes sure DIR holds ca.pem/ca.key and server.pem/server.key,
# the certificate signed by that CA, naming GATEWAY and valid for 30 more days at least; issues
# what is missing or stale.
mariadb_tls_files() {
  local dir=$1 gateway=$2 month=$((30 * 86400))
  mkdir -p "$dir"
  chmod 755 "$dir"
  if [[ ! -s $dir/ca.pem || ! -s $dir/ca.key ]] || ! openssl x509 -checkend $month -noout -in "$dir/ca.pem" >/dev/null; then
    log "creating a certificate authority for MariaDB in $dir"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -sha256 -days 3650 -nodes \
      -subj "/CN=demo-multiplexer MariaDB CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null)
    chmod 644 "$dir/ca.pem"
    rm -f "$dir/server.pem"
  fi
  if [[ ! -s $dir/server.pem || ! -s $dir/server.key ]] ||
    ! openssl x509 -checkend $month -noout -in "$dir/server.pem" >/dev/null ||
    ! openssl verify -CAfile "$dir/ca.pem" "$dir/server.pem" >/dev/null 2>&1 ||
    [[ ! "$(openssl x509 -noout -ext subjectAltName -in "$dir/server.pem")" =~ "IP Address:$gateway"(,|$) ]]; then
    log "issuing MariaDB's certificate for $gateway, 127.0.0.1 and localhost"
    (umask 077 && openssl req -newkey rsa:2048 -sha256 -nodes -subj "/CN=demo-multiplexer MariaDB" \
      -keyout "$dir/server.key.new" -out "$dir/server.csr" 2>/dev/null)
    openssl x509 -req -sha256 -days 825 -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
      -CAcreateserial -out "$dir/server.pem.new" -extfile <(printf '%s\n' \
        "subjectAltName = IP:$gateway, IP:127.0.0.1, DNS:localhost" "basicConstraints = critical, CA:FALSE" \
        "keyUsage = critical, digitalSignature, keyEncipherment" "extendedKeyUsage = serverAuth") 2>/dev/null
    mv "$dir/server.key.new" "$dir/server.key"
    mv "$dir/server.pem.new" "$dir/server.pem"
    chmod 644 "$dir/server.pem"
    rm -f "$dir/server.csr"
  fi
}

# configure_mariadb_tls DIR CONF: the files above in DIR, readable by MariaDB, and its ssl_*
# settings in CONF.
# Changed settings stop MariaDB (start_mariadb starts it again); a renewed certificate alone is
# loaded with FLUSH SSL. The CA's certificate is copied to var/mariadb-ca.pem for the service.
configure_mariadb_tls() {
  local dir=$1 conf=$2
  local gateway wanted before
  gateway=$(gateway_of "$(setting SHOP_NETWORK_SUBNET 172.30.0.0/24)")
  before=$(cat "$dir/server.pem" 2>/dev/null || true)
  mariadb_tls_files "$dir" "$gateway"
  chown mysql:mysql "$dir/server.key"
  chmod 600 "$dir/server.key" "$dir/ca.key"
  wanted=$(printf '[mariadbd]\nssl_ca = %s\nssl_cert = %s\nssl_key = %s\n' \
    "$dir/ca.pem" "$dir/server.pem" "$dir/server.key")
  if [[ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]]; then
    log "configuring mariadb for TLS ($conf)"
    printf '%s\n' "$wanted" >"$conf"
    service mariadb stop >>var/mariadb.log 2>&1 || true
  elif [[ "$(cat "$dir/server.pem")" != "$before" ]] && mysqladmin ping >/dev/null 2>&1; then
    mysql -e 'FLUSH SSL'
  fi
  install -m 644 "$dir/ca.pem" var/mariadb-ca.pem
}

main() {
  cd "$(dirname "$0")/.."
  mkdir -p var
  with_podman=false
  if [[ ${1:-} == podman || $(setting CONTAINER_MODE docker) == podman ]]; then with_podman=true; fi
  install_packages
  start_docker
  start_redis
  start_nats
  create_shop_network
  configure_mariadb
  # MARIADB_TLS=false leaves MariaDB's TLS settings alone, for a MariaDB whose TLS the operator
  # manages (then SHOP_DB_CA_FILE must name its CA).
  if [[ $(setting MARIADB_TLS true) == true ]]; then
    configure_mariadb_tls /etc/mysql/demo-multiplexer-tls /etc/mysql/mariadb.conf.d/61-demo-multiplexer-tls.cnf
  fi
  start_mariadb
  create_provisioning_account
  start_caddy
  build_standin_image
  local ready="docker, redis-server, nats-server, mariadb, caddy, stand-in image"
  if [[ $with_podman == true ]]; then
    start_podman
    load_standin_into_podman
    ready+=", podman (with the stand-in image)"
  fi
  log "ready: $ready"
}

# Podman, when asked for (`scripts/services.sh podman`, or CONTAINER_MODE=podman): its API service
# answers the Docker API on its own socket, beside Docker (README, "Podman"). No systemd here, so
# the service is started by hand and runs until stopped; --time=0 keeps it from exiting when idle.
podman_socket=/run/podman/podman.sock

start_podman() {
  if ! curl -sf --unix-socket $podman_socket http://podman/_ping >/dev/null 2>&1; then
    log "starting podman's API service on $podman_socket"
    mkdir -p "$(dirname $podman_socket)"
    # Started in the socket's folder: each container's conmon inherits the service's working
    # directory and leaves an empty file named "oom" there when the kernel killed a process of
    # the container for memory.
    (cd "$(dirname $podman_socket)" && nohup podman system service --time=0 "unix://$podman_socket" \
      >"$OLDPWD/var/podman.log" 2>&1 &)
    wait_for 30 podman curl -sf --unix-socket $podman_socket http://podman/_ping
  fi
}

# No image can be pulled here, so Podman gets Docker's stand-in image (docker save | podman load),
# only when it lacks that exact image: loading keeps the image's id, which names its content.
load_standin_into_podman() {
  local image=${STANDIN_IMAGE:-demo-multiplexer/standin-shop:latest} wanted
  wanted=$(docker image inspect -f '{{.Id}}' "$image")
  if [[ "sha256:$(podman image inspect -f '{{.Id}}' "$image" 2>/dev/null)" != "$wanted" ]]; then
    log "loading $image into podman"
    docker save "$image" | podman load >var/podman-load.log 2>&1 || { cat var/podman-load.log; exit 1; }
  fi
}

# Sourcing this file (tests, experiments) only defines the functions.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
