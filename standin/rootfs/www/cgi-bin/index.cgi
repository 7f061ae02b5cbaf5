#!/bin/sh
# Every page: a shop answers only to its own host name, like PrestaShop does.
if [ "$HTTP_HOST" != "$PS_DOMAIN" ]; then
  printf 'Status: 302 Found\r\nLocation: http://%s%s\r\nContent-Length: 0\r\n\r\n' "$PS_DOMAIN" "$REQUEST_URI"
  exit 0
fi
case "$REQUEST_URI" in
  /admin-dev*) page="Back office" ;;
  *) page="PrestaShop demo shop" ;;
esac
body="<!doctype html><html><head><title>Demo shop $PS_DOMAIN</title></head><body><h1>$page</h1><p id=\"instance\">$PS_DOMAIN</p><p><a href=\"/admin-dev/\">Back office</a></p></body></html>"
printf 'Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %s\r\n\r\n%s' "${#body}" "$body"
