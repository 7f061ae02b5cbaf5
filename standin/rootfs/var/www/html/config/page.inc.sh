# Shared by the CGI pages (*.php here are shell scripts run by fcgiwrap): PrestaShop's database
# settings as run.sh wrote them, the one-time cache build, and the answers.
PARAMETERS=/var/www/html/app/config/parameters.cnf
. /var/www/html/app/config/parameters.sh
CACHE=/var/www/html/var/cache/prod

# A query's first column, one row a line; PHP's PDO connection, so no TLS and MYSQL_PORT.
query() {
  mariadb --defaults-file="$PARAMETERS" --batch --skip-column-names -e "$1"
}

# One of PrestaShop's settings. It reads them all in order, so the last row of a name wins.
setting() {
  query "SELECT value FROM ps_configuration WHERE name = '$1' ORDER BY id_configuration DESC LIMIT 1"
}

# The scheme of the shop's links: https once PS_SSL_ENABLED is on (flashlight's PS_PROTOCOL).
shop_scheme() {
  ssl=$(setting PS_SSL_ENABLED) || return 1
  if [ "$ssl" = 1 ]; then echo https; else echo http; fi
}

# PrestaShop's Tools::usingSecureMode(): HTTPS as nginx saw it, or X-Forwarded-Proto from a
# proxy in front (PrestaShop believes it whoever sends it).
secure() {
  [ "${HTTPS:-}" = on ] || [ "${HTTP_X_FORWARDED_PROTO:-}" = https ]
}

# With SSL on, a request that did not come over HTTPS is sent there for good (301), as
# PrestaShop's controllers do, to the shop's domain and the same path.
require_https() { # require_https SCHEME DOMAIN
  if [ "$1" = https ] && ! secure; then
    redirect "301 Moved Permanently" "https://$2${REQUEST_URI:-/}"
    exit 0
  fi
}

# PrestaShop rebuilds its cache on the first request after hydrate.sh emptied it (nginx gives
# PHP 30 s): that request takes CACHE_BUILD_SECONDS, requests arriving meanwhile wait for it,
# later ones are fast. The build finishes even when its client gives up.
build_cache() {
  [ -f "$CACHE/.built" ] && return 0
  if mkdir "$CACHE" 2>/dev/null; then
    sleep "$CACHE_BUILD_SECONDS"
    touch "$CACHE/.built"
  else
    while [ ! -f "$CACHE/.built" ]; do sleep 0.1; done
  fi
}

html() {
  printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

answer() { # answer STATUS BODY
  printf 'Status: %s\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n\r\n%s' "$1" "$2"
}

redirect() { # redirect STATUS URL
  printf 'Status: %s\r\nCache-Control: no-cache\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n' "$1" "$2"
}

fail() {
  answer "500 Internal Server Error" "<!doctype html><title>Error</title><h1>The shop's database did not answer</h1>"
  exit 0
}
