/*M!999999\- enable the sandbox mode */ 
-- A tiny stand-in for flashlight's /dump.sql: mysqldump of a PrestaShop installed as
-- localhost:80 (run.sh replaces that with PS_DOMAIN), made by MariaDB 11.4's dump tool, whose
-- first line above older clients (before 10.11.8) reject.
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;

DROP TABLE IF EXISTS `ps_configuration`;
CREATE TABLE `ps_configuration` (
  `id_configuration` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_shop_group` int(11) unsigned DEFAULT NULL,
  `id_shop` int(11) unsigned DEFAULT NULL,
  `name` varchar(254) NOT NULL,
  `value` text DEFAULT NULL,
  `date_add` datetime NOT NULL,
  `date_upd` datetime NOT NULL,
  PRIMARY KEY (`id_configuration`),
  KEY `name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
INSERT INTO `ps_configuration` VALUES
(1,NULL,NULL,'PS_SHOP_DOMAIN','localhost:80','2026-01-01 00:00:00','2026-01-01 00:00:00'),
(2,NULL,NULL,'PS_SHOP_DOMAIN_SSL','localhost:80','2026-01-01 00:00:00','2026-01-01 00:00:00'),
(3,NULL,NULL,'PS_SHOP_NAME','PrestaShop demo shop','2026-01-01 00:00:00','2026-01-01 00:00:00'),
(4,NULL,NULL,'PS_SHOP_EMAIL','admin@prestashop.com','2026-01-01 00:00:00','2026-01-01 00:00:00'),
(5,NULL,NULL,'PS_SSL_ENABLED','0','2026-01-01 00:00:00','2026-01-01 00:00:00'),
(6,NULL,NULL,'PS_SSL_ENABLED_EVERYWHERE','0','2026-01-01 00:00:00','2026-01-01 00:00:00');

DROP TABLE IF EXISTS `ps_shop_url`;
CREATE TABLE `ps_shop_url` (
  `id_shop_url` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `id_shop` int(11) unsigned NOT NULL,
  `domain` varchar(150) NOT NULL,
  `domain_ssl` varchar(150) NOT NULL,
  `physical_uri` varchar(64) NOT NULL,
  `virtual_uri` varchar(64) NOT NULL,
  `main` tinyint(1) NOT NULL,
  `active` tinyint(1) NOT NULL,
  PRIMARY KEY (`id_shop_url`),
  UNIQUE KEY `full_shop_url` (`domain`,`physical_uri`,`virtual_uri`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
INSERT INTO `ps_shop_url` VALUES (1,1,'localhost:80','localhost:80','/','',1,1);

DROP TABLE IF EXISTS `ps_employee`;
CREATE TABLE `ps_employee` (
  `id_employee` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_profile` int(10) unsigned NOT NULL,
  `lastname` varchar(255) NOT NULL,
  `firstname` varchar(255) NOT NULL,
  `email` varchar(255) NOT NULL,
  `passwd` varchar(255) NOT NULL,
  `active` tinyint(1) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id_employee`),
  KEY `employee_login` (`email`,`passwd`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
-- passwd: sha256 of "prestashop" (PrestaShop stores a bcrypt hash).
INSERT INTO `ps_employee` VALUES (1,1,'PrestaShop','Admin','admin@prestashop.com',
'sha256:6a082df5e404bfa13d8fb2ff35726f8afc25075ddbea1e03727b6acd62f50e5f',1);

/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
