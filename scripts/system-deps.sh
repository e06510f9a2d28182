#!/bin/sh
# Installs missing Debian packages, given as COMMAND:PACKAGE pairs, when this user may:
# as root, or through sudo without a password. Otherwise it names what is missing and fails,
# because what needs them (the tests' commands, `python3 -m venv`) cannot work without them.
# A pair python-module=MODULE:PACKAGE checks that $PYTHON (default python3) can import MODULE,
# file=PATH:PACKAGE that PATH exists, php-extension=NAME:PACKAGE that `php -m` lists NAME.
# Daemons such as mariadbd live in the sbin directories, which a PATH may lack.
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
missing=""
for pair in "$@"; do
    cmd=${pair%%:*}
    pkg=${pair#*:}
    case $cmd in
        python-module=*)
            "${PYTHON:-python3}" -c "import ${cmd#python-module=}" >/dev/null 2>&1 \
                || missing="$missing $pkg" ;;
        file=*)
            [ -e "${cmd#file=}" ] || missing="$missing $pkg" ;;
        php-extension=*)
            php -m 2>/dev/null | grep -qix "${cmd#php-extension=}" || missing="$missing $pkg" ;;
        *)
            command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
else
    echo "missing Debian packages:$missing — install them (apt-get install$missing) and run again" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing packages:$missing — this is not a Debian-like system; install them by hand" >&2
    exit 1
fi
echo "installing:$missing"
# Wait for another apt run (another checkout's tests, unattended upgrades) instead of failing.
lock="-o DPkg::Lock::Timeout=600"
$sudo apt-get $lock update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get $lock install -y -qq --no-install-recommends $missing \
    >/dev/null
