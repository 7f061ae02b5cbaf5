#!/bin/sh
# The stand-in's boot, in the order and with the messages, lock files and exit codes of
# flashlight's assets/run.sh: check PS_DOMAIN, write it into the dump, wait for the database
# (no timeout), restore the dump once, start the FastCGI workers and nginx, wait for nginx.
set -eu

export MYSQL_DATABASE="${MYSQL_DATABASE:-prestashop}"
export MYSQL_HOST="${MYSQL_HOST:-mysql}"
export MYSQL_PASSWORD="${MYSQL_PASSWORD:-prestashop}"
export MYSQL_PORT="${MYSQL_PORT:-3306}"
export MYSQL_USER="${MYSQL_USER:-prestashop}"
export ADMIN_PASSWORD_OVERRIDE="${ADMIN_PASSWORD_OVERRIDE:-}"
export ADMIN_MAIL_OVERRIDE="${ADMIN_MAIL_OVERRIDE:-}"
export PS_PROTOCOL="${PS_PROTOCOL:-http}"
export SSL_REDIRECT="${SSL_REDIRECT:-false}"
# Stand-in only: how long restoring the real dump takes (slept after the tiny one is restored),
# and how long the first PHP request rebuilds the cache.
BOOT_DELAY_SECONDS="${BOOT_DELAY_SECONDS:-3}"
CACHE_BUILD_SECONDS="${CACHE_BUILD_SECONDS:-3}"
PS_FOLDER=/var/www/html

INIT_LOCK=/tmp/flashlight-init.lock
DUMP_LOCK=/tmp/flashlight-dump.lock

for knob in "BOOT_DELAY_SECONDS=$BOOT_DELAY_SECONDS" "CACHE_BUILD_SECONDS=$CACHE_BUILD_SECONDS"; do
  case ${knob#*=} in
    '' | *[!0-9.]* | *.*.*) echo "${knob%%=*} must be a number of seconds"; exit 1 ;;
  esac
done

# One value of a MariaDB option file: quoted, with \ and " escaped.
option() {
  case $2 in *'
'*) echo "$1 must not contain a line break"; exit 1 ;; esac
  printf '%s="%s"\n' "$1" "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

if [ ! -f $INIT_LOCK ]; then
  if [ -n "${PS_DOMAIN:-}" ]; then
    case "$PS_DOMAIN" in
      http*) echo "PS_DOMAIN is not expected to be an URI"; sleep 3; exit 2 ;;
    esac
  else
    echo "Missing PS_DOMAIN or NGROK_TUNNEL_AUTO_DETECT. Exiting"
    sleep 3
    exit 2
  fi

  echo "* Applying PS_DOMAIN ($PS_DOMAIN) to the dump..."
  TMP_FILE=$(mktemp)
  sed "s~localhost:80~$PS_DOMAIN~g" /dump.sql > "$TMP_FILE"
  cat "$TMP_FILE" > /dump.sql
  rm -f "$TMP_FILE"

  if [ "$ADMIN_PASSWORD_OVERRIDE" != "" ]; then
    # flashlight logs the password too, and stores a bcrypt hash (PHP); busybox has sha256.
    echo "* Overriding admin password with $ADMIN_PASSWORD_OVERRIDE..."
    PASSWORD_HASH="sha256:$(printf '%s' "$ADMIN_PASSWORD_OVERRIDE" | sha256sum | cut -d' ' -f1)"
    cat >> /dump.sql << END
UPDATE ps_employee SET passwd = "$PASSWORD_HASH" WHERE email = "admin@prestashop.com";
END
  fi

  if [ "$ADMIN_MAIL_OVERRIDE" != "" ]; then
    echo "* Overriding admin mail with $ADMIN_MAIL_OVERRIDE..."
    TMP_FILE=$(mktemp)
    sed 's~admin@prestashop.com~'"$ADMIN_MAIL_OVERRIDE"'~g' /dump.sql > "$TMP_FILE"
    cat "$TMP_FILE" > /dump.sql
    rm -f "$TMP_FILE"
  fi

  # As flashlight: SSL_REDIRECT=true means PS_PROTOCOL=https, which turns on PrestaShop's SSL
  # settings (links in https, plain requests redirected to https) and makes it believe
  # X-Forwarded-Proto from any peer. The rows are appended: PrestaShop reads its settings in
  # order, so the later ones win.
  [ "$SSL_REDIRECT" = "true" ] && PS_PROTOCOL="https"
  if [ "$PS_PROTOCOL" = "https" ]; then
    echo "* Enabling SSL redirection and any local proxy..."
    cat >> /dump.sql << END
INSERT INTO ps_configuration (id_shop_group, id_shop, name, value, date_add, date_upd) VALUES
(NULL, NULL, 'PS_SSL_ENABLED', '1', NOW(), NOW()),
(NULL, NULL, 'PS_SSL_ENABLED_EVERYWHERE', '1', NOW(), NOW()),
(NULL, NULL, 'PS_TRUSTED_PROXIES', '127.0.0.1,REMOTE_ADDR', NOW(), NOW());
END
  fi

  # PrestaShop's own connection settings (flashlight edits app/config/parameters.php): host and
  # MYSQL_PORT, no TLS (PHP's PDO asks for none). The pages and the wait below use them.
  {
    echo "[client]"
    option host "$MYSQL_HOST"
    option port "$MYSQL_PORT"
    option user "$MYSQL_USER"
    option password "$MYSQL_PASSWORD"
    option database "$MYSQL_DATABASE"
    echo "skip-ssl"
    echo "connect-timeout=5"
  } > "$PS_FOLDER/app/config/parameters.cnf"
  chmod 600 "$PS_FOLDER/app/config/parameters.cnf"
  echo "CACHE_BUILD_SECONDS=$CACHE_BUILD_SECONDS" > "$PS_FOLDER/app/config/parameters.sh"

  echo "* Checking MySQL connectivity..."
  # flashlight: new PDO(host, MYSQL_PORT, dbname, user, password) until it works, no timeout.
  while ! mariadb --defaults-file="$PS_FOLDER/app/config/parameters.cnf" -e 'SELECT 1' >/dev/null 2>&1; do
    echo "Cannot connect to MySQL, retrying in 1s..."
    sleep 1
  done
  echo "* PHP PDO connectivity checked"
  echo "* PrestaShop MySQL configuration set"

  touch $INIT_LOCK
else
  echo "* Init already performed (see INIT_ON_RESTART)"
fi

# Restoring MySQL dumps
if [ ! -f $DUMP_LOCK ]; then
  echo "* Restoring MySQL dump..."
  [ ! -f "/dump.sql" ] && echo "Error: missing dump. Exiting" && exit 5
  # flashlight's line, with no port (so 3306). Its Alpine MariaDB 11.4 client requires TLS and
  # verifies the server's certificate by default; Debian's 10.11 client has to be told.
  mariadb --ssl --ssl-verify-server-cert \
    -u "$MYSQL_USER" --host="$MYSQL_HOST" --password="$MYSQL_PASSWORD" "$MYSQL_DATABASE" < /dump.sql
  sleep "$BOOT_DELAY_SECONDS"
  echo "* MySQL dump restored!"
  touch $DUMP_LOCK
else
  echo "* Dump already performed (see DUMP_ON_RESTART)"
fi

echo "* Starting php-fpm..."
# fcgiwrap stands in for php-fpm: at most 5 workers on php-fpm's socket, as flashlight configures.
rm -f /var/run/php/php-fpm.sock
fcgiwrap -c 5 -s unix:/var/run/php/php-fpm.sock &
tries=0
while [ ! -S /var/run/php/php-fpm.sock ]; do
  tries=$((tries + 1))
  [ $tries -le 100 ] || { echo "fcgiwrap did not open its socket"; exit 1; }
  sleep 0.05
done

echo "* Starting nginx..."
nginx -e stderr -g "daemon off;" &
SERVER_PID=$!
echo "* nginx started"

# set back server to front process
wait "$SERVER_PID"
