#!/usr/bin/env bash
# Builds the Debian roots whose haproxy and keepalived the tests run (with chroot), one per release:
#   trixie: haproxy 3.0.x, keepalived 2.3.3    sid: haproxy 3.2.x, keepalived 2.3.4
# bookworm's binaries (haproxy 2.6.12, keepalived 2.2.7) are the machine's own and need no root.
# Roots go to $HA_LINT_ROOTS (default ~/.cache/ha-lint/roots), never into the repository; a root that is complete
# (its marker file is there) is kept. About a minute and 320 MB each. Needs root and debootstrap.
#   scripts/roots/build.sh [release...]     (default: trixie sid)
set -euo pipefail
dest="${HA_LINT_ROOTS:-$HOME/.cache/ha-lint/roots}"
mirror="${HA_LINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
releases=("$@")
[ "${#releases[@]}" -gt 0 ] || releases=(trixie sid)

if [ "$(id -u)" != 0 ]; then
  echo "roots: debootstrap needs root; run this script as root" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "roots: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
mkdir -p "$dest"
# Extra packages some roots carry: trixie's Neovim (0.10) for the editor tests, beside the machine's 0.7; curl for the
# lab proof of KA080 (test/lab/proofs.test.ts), whose fixture's check script runs curl where keepalived runs it.
extras_of() {
  case "$1" in
    trixie) echo neovim curl ;;
    sid) echo curl ;;
  esac
}

install_extras() {
  local release=$1 root=$2 missing=()
  for package in $(extras_of "$release"); do
    chroot "$root" dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  echo "roots: installing ${missing[*]} in $release"
  # The package lists (a root keeps the ones of its build; a mirror's Release file can be past its Valid-Until).
  chroot "$root" apt-get -o Acquire::Check-Valid-Until=false update -qq >>"$dest/$release.log" 2>&1 || true
  chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$dest/$release.log" 2>&1 || echo "roots: could not install ${missing[*]} in $release (see $dest/$release.log)" >&2
}

for release in "${releases[@]}"; do
  case "$release" in
    trixie | sid) ;;
    *)
      echo "roots: unknown release '$release' (trixie or sid)" >&2
      exit 2
      ;;
  esac
  root="$dest/$release"
  if [ -f "$root/.ha-lint-root" ]; then
    echo "roots: $release is there ($root)"
    install_extras "$release" "$root"
    continue
  fi
  if [ -e "$root" ]; then
    # A half-built root from an interrupted run: nothing is mounted in it (the tests unmount what they bind).
    rm -rf --one-file-system "$root"
  fi
  echo "roots: building $release in $root"
  start=$(date +%s)
  debootstrap --variant=minbase --include=haproxy,keepalived "$release" "$root" "$mirror" >"$dest/$release.log" 2>&1 || {
    echo "roots: debootstrap $release failed; the end of $dest/$release.log:" >&2
    tail -n 20 "$dest/$release.log" >&2
    exit 1
  }
  haproxy_version=$(chroot "$root" haproxy -v | sed -n 's/^HAProxy version \([0-9.]*\).*/\1/p')
  keepalived_version=$(chroot "$root" keepalived -v 2>&1 | sed -n 's/^Keepalived v\([0-9.]*\).*/\1/p')
  printf 'release=%s\nhaproxy=%s\nkeepalived=%s\n' "$release" "$haproxy_version" "$keepalived_version" >"$root/.ha-lint-root"
  install_extras "$release" "$root"
  echo "roots: $release ready in $(($(date +%s) - start)) s: haproxy $haproxy_version, keepalived $keepalived_version"
done
