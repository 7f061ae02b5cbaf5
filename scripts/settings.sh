# Sourced by the scripts here: settings read the way the service reads them, and the names the
# service gives what it makes, so a script touches only its own deployment's things.

setting() { # setting NAME DEFAULT: the environment, then .env, then the default
  local value=${!1:-}
  if [[ -z $value && -f .env ]]; then value=$(sed -n "s/^$1=//p" .env | tail -1); fi
  echo "${value:-$2}"
}

# Shop databases and users are named SHOP_DB_PREFIX + an instance id (20 characters of a-z2-7),
# so an extended regular expression that insists on the id leaves alone another deployment whose
# prefix merely starts the same way (tests use shop_<their name>_).
shop_database_pattern() {
  echo "^$(setting SHOP_DB_PREFIX shop_)[a-z2-7]{20}\$"
}
