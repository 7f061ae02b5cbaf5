-- What the provisioning account itself may do, from its own grants (an account that can read
-- mysql.* sees other accounts' rows too, hence the grantee filter): create databases named like a
-- shop's (the parameter: such a name; a grant on `shop\_%` matches it with LIKE) and pass rights
-- on them to the shop's user (GRANT OPTION), drop them, and create users. Each count must be above
-- zero. CURRENT_USER() names the account as MariaDB sees it.
WITH me AS (
  SELECT CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
    AS grantee
)
SELECT
  (SELECT COUNT(*) FROM information_schema.schema_privileges p, me WHERE p.grantee = me.grantee
     AND p.privilege_type = 'CREATE' AND p.is_grantable = 'YES' AND ? LIKE p.table_schema)
  + (SELECT COUNT(*) FROM information_schema.user_privileges p, me WHERE p.grantee = me.grantee
     AND p.privilege_type = 'CREATE' AND p.is_grantable = 'YES') AS can_create,
  (SELECT COUNT(*) FROM information_schema.schema_privileges p, me WHERE p.grantee = me.grantee
     AND p.privilege_type = 'DROP' AND ? LIKE p.table_schema)
  + (SELECT COUNT(*) FROM information_schema.user_privileges p, me WHERE p.grantee = me.grantee
     AND p.privilege_type = 'DROP') AS can_drop,
  (SELECT COUNT(*) FROM information_schema.user_privileges p, me WHERE p.grantee = me.grantee
     AND p.privilege_type = 'CREATE USER') AS can_create_user,
  CURRENT_USER() AS account
