-- Names of the databases and users that may belong to shops; the caller keeps those with the
-- deployment's prefix (LIKE would treat the prefix's underscores as wildcards).
SELECT schema_name AS name FROM information_schema.schemata
UNION
SELECT user AS name FROM mysql.user;
