#!/usr/bin/env bash
# For docker-compose.yml's MariaDB (make infra-up): the CA and MariaDB's certificate in
# var/mariadb-tls, made as scripts/services.sh makes them for a bare host's MariaDB and for the
# address shops use (MYSQL_HOST), the key readable by the mariadb image's mysql user (uid 999);
# the CA's certificate in var/mariadb-ca.pem, the service's default SHOP_DB_CA_FILE. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
mkdir -p var
mariadb_tls_files var/mariadb-tls "$(setting MYSQL_HOST 172.30.0.1)"
chown 999:999 var/mariadb-tls/server.key
chmod 600 var/mariadb-tls/server.key var/mariadb-tls/ca.key
install -m 644 var/mariadb-tls/ca.pem var/mariadb-ca.pem
