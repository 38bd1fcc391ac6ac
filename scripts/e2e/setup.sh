#!/usr/bin/env bash
# What the editor end-to-end tests need on a fresh Debian machine (run as root by .ci/run):
# Debian's neovim (0.7), Emacs with eglot, chromium and ripgrep, libkrb5-dev for code-server's native module, and
# code-server itself. (The newer Neovim comes from the trixie root: scripts/roots/build.sh.)
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || need+=(elpa-eglot)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ "${#need[@]}" -gt 0 ]; then
  echo "e2e setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/e2e/install-code-server.sh
