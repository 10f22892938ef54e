#!/bin/bash
# Usage: boxes/insecure-key.sh DIR
#
# Puts Vagrant's well-known insecure keypair into DIR:
#   DIR/vagrant      private key (mode 0600)
#   DIR/vagrant.pub  public key  (mode 0644)
# and, only if the Debian package ships them, any further variants
# (e.g. DIR/vagrant.key.ed25519 and DIR/vagrant.key.ed25519.pub).
#
# The keys come from Debian's `vagrant` package: from the installed gem if the
# package is installed, otherwise from `apt-get download vagrant` (the configured
# Debian mirror). Nothing is installed. Idempotent: if DIR/vagrant and
# DIR/vagrant.pub already exist and match each other, it does nothing.
# Prints DIR/vagrant (absolute) as the last stdout line.
set -euo pipefail

log() { echo "insecure-key: $*" >&2; }

if [[ $# -ne 1 || -z "$1" ]]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi

mkdir -p "$1"
dir=$(cd "$1" && pwd -P)

keys_match() {
    # True if DIR/vagrant's public half equals DIR/vagrant.pub (ignoring the comment).
    [[ -s "$dir/vagrant" && -s "$dir/vagrant.pub" ]] || return 1
    local derived stored
    derived=$(ssh-keygen -y -f "$dir/vagrant" 2>/dev/null | awk '{print $1, $2}') || return 1
    stored=$(awk '{print $1, $2}' "$dir/vagrant.pub")
    [[ -n "$derived" && "$derived" == "$stored" ]]
}

if keys_match; then
    echo "$dir/vagrant"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. An installed vagrant package already has the keys on disk.
src=""
for d in /usr/share/rubygems-integration/all/gems/vagrant-*/keys; do
    if [[ -f "$d/vagrant" && -f "$d/vagrant.pub" ]]; then src=$d; fi
done

# 2. Otherwise fetch the .deb (not installed, just unpacked).
if [[ -z "$src" ]]; then
    log "downloading Debian's vagrant package to extract the insecure keypair"
    # APT::Sandbox::User=root: the temp dir is not readable by _apt.
    (cd "$tmp" && apt-get -q -o APT::Sandbox::User=root download vagrant >&2)
    deb=$(ls "$tmp"/vagrant_*.deb)
    dpkg-deb -x "$deb" "$tmp/x"
    src=$(find "$tmp/x" -type d -path '*/keys' -exec test -f '{}/vagrant.pub' ';' -print | head -n1)
    if [[ -z "$src" ]]; then
        log "no keys/vagrant.pub in $deb"
        exit 1
    fi
fi

# Write into a staging dir on the same filesystem, then rename into place,
# so a concurrent reader never sees a half-written key.
stage=$(mktemp -d "$dir/.stage.XXXXXX")
trap 'rm -rf "$tmp" "$stage"' EXIT
for f in "$src"/*; do
    [[ -f "$f" ]] || continue
    name=$(basename "$f")
    case "$name" in
        *.pub) install -m 0644 "$f" "$stage/$name" ;;
        *)     install -m 0600 "$f" "$stage/$name" ;;
    esac
done
for f in "$stage"/*; do
    mv -f "$f" "$dir/$(basename "$f")"
done

if ! keys_match; then
    log "extracted keys in $dir do not match each other"
    exit 1
fi
log "insecure keypair from $src written to $dir"
echo "$dir/vagrant"
