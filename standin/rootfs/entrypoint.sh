#!/bin/sh
# Mimics flashlight's boot: PS_DOMAIN is required, the database is awaited with no timeout,
# port 80 stays closed until the boot delay has passed.
if [ -z "$PS_DOMAIN" ]; then
  echo "PS_DOMAIN is required" >&2
  exit 1
fi
if [ -n "$MYSQL_HOST" ]; then
  echo "waiting for the database at $MYSQL_HOST:${MYSQL_PORT:-3306}"
  # Ready when the server greets us (MariaDB speaks first); busybox nc has no -z.
  until timeout 1 nc -w 1 "$MYSQL_HOST" "${MYSQL_PORT:-3306}" </dev/null 2>/dev/null | head -c 1 | grep -q .; do
    sleep 1
  done
fi
echo "booting for ${BOOT_DELAY_SECONDS:=3}s as $PS_DOMAIN"
sleep "$BOOT_DELAY_SECONDS"
echo "serving $PS_DOMAIN on port 80"
exec httpd -f -p 80 -h /www
