#!/usr/bin/env bash
# Installs what dmcc-advisor needs on a fresh Debian machine, only when it is missing:
# the wide-character ncurses headers (the wizard) and tmux (its end-to-end tests), Chromium (prints
# the client letter to PDF: `transcripts show ID --format pdf`) and poppler-utils (pdftotext, with
# which the tests read that PDF back), and git (records shared by a team).
# Extra packages can be named as arguments, e.g. `setup-debian.sh dialog` for the benchmarks.
set -euo pipefail

missing=()
if ! { [ -e /usr/include/ncursesw/ncurses.h ] || [ -e /usr/include/ncursesw/curses.h ]; } \
   || ! ls /usr/lib/*/libncursesw.so /usr/lib/libncursesw.so >/dev/null 2>&1; then
  missing+=(libncursesw5-dev)
fi
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
   && ! command -v google-chrome >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# Records shared by a team are committed with git (and its tests use a bare repository).
command -v git >/dev/null 2>&1 || missing+=(git)
for extra in "$@"; do
  command -v "$extra" >/dev/null 2>&1 || missing+=("$extra")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: need root to install ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.x) is not on PATH; install it first (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
