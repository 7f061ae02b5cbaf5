#!/bin/sh
# The front office. Like PrestaShop's Shop::initialize(), a Host that is not the shop's domain
# (as the database says, with or without its port) is redirected to it; then, with SSL on, a
# request that did not come over HTTPS is redirected to https. Links carry the shop's scheme.
. /var/www/html/config/page.inc.sh
build_cache
domain=$(query "SELECT domain FROM ps_shop_url WHERE main = 1 AND active = 1 LIMIT 1") || fail
name=$(setting PS_SHOP_NAME) || fail
scheme=$(shop_scheme) || fail
[ -n "$domain" ] || fail
host=${HTTP_HOST:-}
if [ "$host" != "$domain" ] && [ "${host%:*}" != "$domain" ]; then
  redirect "302 Found" "$scheme://$domain/"
  exit 0
fi
require_https "$scheme" "$domain"
answer "200 OK" "<!doctype html><html><head><title>$(html "$name")</title>\
<link rel=\"canonical\" href=\"$(html "$scheme://$domain/")\"></head><body>\
<h1>$(html "$name")</h1><p id=\"instance\">$(html "$domain")</p>\
<p><a href=\"$(html "$scheme://$domain/admin-dev/")\">Back office</a></p></body></html>"
