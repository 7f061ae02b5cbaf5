-- Removes a shop's database and user; either may already be gone.
DROP USER IF EXISTS '{user}'@'%';
DROP DATABASE IF EXISTS `{database}`;
