#!/bin/sh
# The back office's login page. PrestaShop serves the back office for any Host (no redirect),
# over HTTPS only once SSL is on.
. /var/www/html/config/page.inc.sh
build_cache
domain=$(query "SELECT domain FROM ps_shop_url WHERE main = 1 AND active = 1 LIMIT 1") || fail
email=$(query "SELECT email FROM ps_employee WHERE id_employee = 1") || fail
scheme=$(shop_scheme) || fail
require_https "$scheme" "$domain"
answer "200 OK" "<!doctype html><html><head><title>Back office</title></head><body>\
<h1>Back office</h1><p id=\"instance\">$(html "$domain")</p>\
<form method=\"post\"><input name=\"email\" value=\"$(html "$email")\"><input name=\"passwd\" type=\"password\">\
<button>Log in</button></form></body></html>"
