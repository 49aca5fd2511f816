#!/bin/sh
# deps.sh - installs the Debian packages a make target needs, only those
# that are missing, so `make demo` and `make test` work on a fresh machine.
#
# usage: tools/deps.sh build|test|bench|fuzz
set -eu

# libkrb5-dev and libgpg-error-dev: the static link (Makefile, LINK) needs
# GSSAPI's link name and the archive libssh2's pkg-config file asks for.
build="gcc make pkg-config git libgit2-dev libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
       libkrb5-dev libgpg-error-dev"
test_extra="perl chromium python3 libxml2-utils clang libclang-rt-14-dev valgrind strace"
bench_extra="hugo time"
fuzz_extra="clang libclang-rt-14-dev"

case "${1:-build}" in
build) want="$build" ;;
test) want="$build $test_extra" ;;
bench) want="$build $bench_extra" ;;
fuzz) want="$build $fuzz_extra" ;;
*) echo "usage: $0 build|test|bench|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node.js and npm: any working install will do (the browser test uses npm
# to fetch axe-core); Debian's packages otherwise.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "pilotlog needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null; }
