#!/bin/sh
# The front office. Like PrestaShop's Shop::initialize(), a Host that is not the shop's domain
# (as the database says, with or without its port) is redirected to it.
. /var/www/html/config/page.inc.sh
build_cache
domain=$(query "SELECT domain FROM ps_shop_url WHERE main = 1 AND active = 1 LIMIT 1") || fail
name=$(query "SELECT value FROM ps_configuration WHERE name = 'PS_SHOP_NAME' LIMIT 1") || fail
[ -n "$domain" ] || fail
host=${HTTP_HOST:-}
if [ "$host" != "$domain" ] && [ "${host%:*}" != "$domain" ]; then
  redirect "http://$domain/"
  exit 0
fi
answer "200 OK" "<!doctype html><html><head><title>$(html "$name")</title></head><body>\
<h1>$(html "$name")</h1><p id=\"instance\">$(html "$domain")</p>\
<p><a href=\"/admin-dev/\">Back office</a></p></body></html>"
