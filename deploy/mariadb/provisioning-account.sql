-- The account demo-multiplexer provisions shop databases with, on a bare host (scripts/services.sh)
-- and in docker-compose.yml (init-provisioning-account.sh). It can create and drop databases named
-- ${SHOP_DB_PREFIX}*, create users and grant them rights on those databases, and list users; it can
-- touch no other database. Placeholders are replaced before this runs. Idempotent.
CREATE USER IF NOT EXISTS '${MARIADB_ADMIN_USER}'@'localhost' IDENTIFIED BY '${MARIADB_ADMIN_PASSWORD}';
CREATE USER IF NOT EXISTS '${MARIADB_ADMIN_USER}'@'127.0.0.1' IDENTIFIED BY '${MARIADB_ADMIN_PASSWORD}';
ALTER USER '${MARIADB_ADMIN_USER}'@'localhost' IDENTIFIED BY '${MARIADB_ADMIN_PASSWORD}';
ALTER USER '${MARIADB_ADMIN_USER}'@'127.0.0.1' IDENTIFIED BY '${MARIADB_ADMIN_PASSWORD}';
GRANT CREATE USER ON *.* TO '${MARIADB_ADMIN_USER}'@'localhost', '${MARIADB_ADMIN_USER}'@'127.0.0.1';
GRANT SELECT ON mysql.user TO '${MARIADB_ADMIN_USER}'@'localhost', '${MARIADB_ADMIN_USER}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `${SHOP_DB_PREFIX}%`.* TO '${MARIADB_ADMIN_USER}'@'localhost', '${MARIADB_ADMIN_USER}'@'127.0.0.1' WITH GRANT OPTION;
