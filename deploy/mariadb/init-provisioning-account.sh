#!/bin/sh
# docker-compose.yml's MariaDB runs this once, at its first start: it creates the provisioning
# account from the same SQL as scripts/services.sh, with the values from the environment.
set -eu
sed -e "s/\${MARIADB_ADMIN_USER}/${MARIADB_ADMIN_USER:-demo_provisioner}/g" \
    -e "s/\${MARIADB_ADMIN_PASSWORD}/${MARIADB_ADMIN_PASSWORD}/g" \
    -e "s/\${SHOP_DB_PREFIX}/${SHOP_DB_PREFIX:-shop_}/g" \
    /docker-entrypoint-initdb.d/provisioning-account.sql.template \
  | mariadb -uroot -p"${MARIADB_ROOT_PASSWORD}"
