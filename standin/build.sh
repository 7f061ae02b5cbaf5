#!/usr/bin/env bash
# Builds the stand-in shop image from Debian 12 packages only: no image is pulled, nothing is
# installed on the host. Usage: standin/build.sh IMAGE [LABEL=VALUE...]   (run as root)
#
# 1. apt (the host's sources and settings) downloads nginx, fcgiwrap, the MariaDB client, setcap
#    and busybox-static with their whole dependency closure, as if onto an empty system;
# 2. dpkg-deb extracts them into a staging folder (no maintainer scripts run);
# 3. only nginx, fcgiwrap, mariadb and busybox, the shared libraries the dynamic loader resolves
#    for them and a few data files go into the image's root filesystem, standin/rootfs/ on top;
# 4. nginx gets its file capability (setcap from the packages, on the staged file; the tarball
#    carries it as an extended attribute), `docker import` turns the tarball into an image with
#    flashlight's settings (user, entrypoint, health check...) and a one-line `docker build` adds
#    the one `docker import` cannot set, STOPSIGNAL. No container is started: a Dockerfile with
#    ADD and six settings took 65 s on a loaded machine (one container per step), this 16 s.
# Downloaded packages are kept in var/standin-debs, so a rebuild after a script change does not
# download them again.
set -euo pipefail
image=${1:?usage: build.sh IMAGE [LABEL=VALUE...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")

packages=(nginx nginx-common fcgiwrap mariadb-client-core libcap2-bin busybox-static)
programs=(usr/sbin/nginx usr/sbin/fcgiwrap usr/bin/mariadb)
data=(etc/nginx/mime.types usr/lib/x86_64-linux-gnu/libmariadb3/plugin)
# flashlight's www-data has uid and gid 1000 (its base install runs usermod -u 1000 www-data).
uid=1000

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debs=$project/var/standin-debs
mkdir -p "$debs/partial" "$work/apt" "$work/stage" "$work/rootfs"
: >"$work/apt/status"

download() {
  apt-get -q -y -o Dir::State::status="$work/apt/status" -o Dir::Cache::archives="$debs" \
    -o Debug::NoLocking=1 -o APT::Install-Recommends=false -o APT::Install-Suggests=false \
    --download-only install "${packages[@]}" >"$work/apt.log" 2>&1
}
# A fresh machine may have no package lists yet.
download || { apt-get update -qq && download; } || { cat "$work/apt.log"; exit 1; }
# The closure apt chose, as name=version: the image carries it as a label.
closure=$(apt-get -s -o Dir::State::status="$work/apt/status" -o Debug::NoLocking=1 \
  -o APT::Install-Recommends=false install "${packages[@]}" 2>/dev/null |
  sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1=\2/p' | LC_ALL=C sort)
for package in $closure; do
  name=${package%%=*} version=${package#*=}
  deb=$(ls "$debs/${name}_${version//:/%3a}_"*.deb)
  dpkg-deb -x "$deb" "$work/stage"
done

stage=$work/stage rootfs=$work/rootfs
loader=$stage/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
copy() { # copy PATH-IN-STAGE [PATH-IN-ROOTFS]: files dereferenced, folders as they are
  mkdir -p "$(dirname "$rootfs/${2:-$1}")"
  cp -rL "$stage/$1" "$rootfs/${2:-$1}"
}
libraries() { # the shared libraries the loader resolves for a file, as paths inside the stage
  "$loader" --library-path "$stage/lib/x86_64-linux-gnu:$stage/usr/lib/x86_64-linux-gnu" --list "$1" |
    awk '/=>/ { print $3 }' | while read -r path; do
      [[ $path == "$stage"/* ]] || { echo "$1 needs $path, which is not in the packages" >&2; exit 1; }
      echo "${path#"$stage"/}"
    done
}
for file in "${programs[@]}"; do copy "$file"; done
for file in "${data[@]}"; do copy "$file"; done
{
  for file in "${programs[@]}" usr/lib/x86_64-linux-gnu/libmariadb3/plugin/*.so; do
    # shellcheck disable=SC2086
    libraries "$stage"/$file
  done
} | LC_ALL=C sort -u | while read -r library; do copy "$library"; done
copy lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 lib64/ld-linux-x86-64.so.2

# busybox: the shell (ash, as in flashlight's Alpine base) and the small tools.
copy bin/busybox
"$stage/bin/busybox" --list-full | while read -r applet; do
  if [[ ! -e $rootfs/$applet && ! -L $rootfs/$applet ]]; then
    mkdir -p "$(dirname "$rootfs/$applet")"
    ln -s /bin/busybox "$rootfs/$applet"
  fi
done

cp -a "$here/rootfs/." "$rootfs/"
mkdir -p "$rootfs/tmp" "$rootfs/etc/my.cnf.d" "$rootfs/var/run/nginx" "$rootfs/var/run/php" "$rootfs/var/lib/nginx" \
  "$rootfs/var/log/nginx" "$rootfs/var/www/html/var/cache" "$rootfs/var/www/html/var/logs"
chmod 1777 "$rootfs/tmp"
chmod 0755 "$rootfs/run.sh" "$rootfs/var/www/html/index.php" "$rootfs/var/www/html/admin-dev/index.php"
# What www-data writes at boot or while serving (flashlight chowns the same kind of places).
chown -R "$uid:$uid" "$rootfs/var/www" "$rootfs/dump.sql" "$rootfs/var/run/nginx" "$rootfs/var/run/php" \
  "$rootfs/var/lib/nginx" "$rootfs/var/log/nginx"
# As flashlight does for its nginx: port 80 through a file capability, so the server runs as
# www-data and NET_BIND_SERVICE is the only capability the container keeps.
"$loader" --library-path "$stage/lib/x86_64-linux-gnu:$stage/usr/lib/x86_64-linux-gnu" "$stage/sbin/setcap" \
  cap_net_bind_service=+ep "$rootfs/usr/sbin/nginx"
tar --numeric-owner --xattrs --xattrs-include=security.capability -C "$rootfs" -cf "$work/rootfs.tar" .

# The versions of the packages named above, for `docker image inspect`.
versions=$(for package in $closure; do
  if [[ " ${packages[*]} " == *" ${package%%=*} "* ]]; then echo "$package"; fi; done | paste -sd,)
changes=(
  --change "USER www-data"
  --change "WORKDIR /var/www/html"
  # flashlight's: curl -Isf http://localhost:80/admin-dev/robots.txt (static: proves neither PHP
  # nor the database); busybox has wget, not curl.
  --change "HEALTHCHECK --interval=5s --timeout=5s --retries=10 --start-period=10s CMD wget -q --spider http://localhost:80/admin-dev/robots.txt || exit 1"
  --change "EXPOSE 80"
  --change 'ENTRYPOINT ["/run.sh"]'
  --change "LABEL standin.packages=$versions ${*}"
)
previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
imported=$(docker import "${changes[@]}" "$work/rootfs.tar")
# flashlight's STOPSIGNAL (nginx stops gracefully on SIGQUIT; PID 1 is sh, as in flashlight).
printf 'FROM %s\nSTOPSIGNAL SIGQUIT\n' "$imported" | docker build -q -t "$image" - >/dev/null
# The image this one replaces, unless containers still use it.
if [[ -n $previous && $previous != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
