#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: keyring-session.sh TEST [ARGS...]
# Runs TEST inside a D-Bus session of its own (dbus-run-session) with a gnome-keyring-daemon serving the
# Secret Service, its keyring in a temporary folder, unlocked with a known password. TEST is told through
# JIMINI_KEYRING_EXPECTED=1 (and the daemon's pid and log), or, when the daemon cannot be started, through
# JIMINI_KEYRING_SKIP=<why> (so that it skips saying so). The daemon is stopped by its pid at the end.
set -u
[ $# -ge 1 ] || { echo "usage: $0 TEST [ARGS...]" >&2; exit 2; }

if [ "${JIMINI_KEYRING_INSIDE:-}" != 1 ]; then
    if ! command -v dbus-run-session >/dev/null 2>&1; then
        JIMINI_KEYRING_SKIP="dbus-run-session is not installed (Debian package dbus; scripts/bootstrap)" exec "$@"
    fi
    if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
        JIMINI_KEYRING_SKIP="gnome-keyring-daemon is not installed (Debian package gnome-keyring; scripts/bootstrap)" \
            exec "$@"
    fi
    JIMINI_KEYRING_INSIDE=1 exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d) || exit 1
mkdir -m 700 "$scratch/data" "$scratch/run" "$scratch/home"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" HOME="$scratch/home"
export JIMINI_TEST_KEYRING_PASSWORD="jimini-test-keyring"
printf '%s' "$JIMINI_TEST_KEYRING_PASSWORD" |
    gnome-keyring-daemon --unlock --components=secrets --foreground >"$scratch/daemon.log" 2>&1 &
daemon=$!
export JIMINI_KEYRING_EXPECTED=1 JIMINI_KEYRING_DAEMON_PID="$daemon" JIMINI_KEYRING_LOG="$scratch/daemon.log"
"$@"
status=$?
kill "$daemon" 2>/dev/null
wait "$daemon" 2>/dev/null
rm -rf "$scratch"
exit $status
