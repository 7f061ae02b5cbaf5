-- What the provisioning account may do, from its own grants: create and drop a database named
-- like a shop's (the parameter: such a name; a grant on `shop\_%` matches it with LIKE) and create
-- users. Each count must be above zero. CURRENT_USER() names the account as MariaDB sees it.
SELECT
  (SELECT COUNT(*) FROM information_schema.schema_privileges WHERE privilege_type = 'CREATE' AND ? LIKE table_schema)
  + (SELECT COUNT(*) FROM information_schema.user_privileges WHERE privilege_type = 'CREATE') AS can_create,
  (SELECT COUNT(*) FROM information_schema.schema_privileges WHERE privilege_type = 'DROP' AND ? LIKE table_schema)
  + (SELECT COUNT(*) FROM information_schema.user_privileges WHERE privilege_type = 'DROP') AS can_drop,
  (SELECT COUNT(*) FROM information_schema.user_privileges WHERE privilege_type = 'CREATE USER') AS can_create_user,
  CURRENT_USER() AS account
