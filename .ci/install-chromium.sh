#!/usr/bin/env bash
# Install Debian's chromium for the HTML report's browser tests, if it is not there yet.
# Never fails the CI run: without apt (or root) it prints a note and the browser tests skip.
set -u

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: apt-get not available; chromium not installed, browser tests will skip" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "note: not root and no sudo; chromium not installed, browser tests will skip" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq >/dev/null 2>&1 \
    && $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; then
    echo "chromium installed: $(chromium --version 2>/dev/null)"
else
    echo "note: apt-get could not install chromium; browser tests will skip" >&2
fi
exit 0
