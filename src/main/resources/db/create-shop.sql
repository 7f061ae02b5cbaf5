-- A shop's own database, and a user that can reach nothing else. {database} and {user} are
-- replaced by validated names; the password is bound as the parameter.
CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '{user}'@'%' IDENTIFIED BY ?;
GRANT ALL PRIVILEGES ON `{database}`.* TO '{user}'@'%';
