#!/bin/bash
# Builds vnet's podman test image: a minimal Debian 12 (bookworm) root file
# system from Debian packages only (no registry is reachable), imported into
# podman and saved as an image archive that the podman provider's
# image_archive setting loads with `podman load`. See boxes/README.md.
#
# Usage: boxes/podman-debian12/build.sh
#   env VNET_BOX_CACHE   cache root (default /var/cache/vnet/boxes)
#
# Output: $VNET_BOX_CACHE/podman-debian12-<hash12>/podman-debian12.tar, a
# docker-archive (what `podman save` writes, tagged localhost/vnet-debian12:latest),
# where <hash12> covers this script and the mirror URI. If that file already
# exists nothing is built. The LAST line on stdout is always the absolute path
# of the archive; all progress goes to stderr. Needs root, debootstrap, tar and
# podman.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
self="$here/$(basename "${BASH_SOURCE[0]}")"
cache_root=${VNET_BOX_CACHE:-/var/cache/vnet/boxes}
suite=bookworm
image=localhost/vnet-debian12:latest
# What the tests need inside a container: ping for the private network, ps for
# a look around. No iproute2: vnet addresses the container's interface from the
# host (nsenter), so the image needs no network tools of its own.
packages=iputils-ping,procps

log() { echo "podman-debian12: $*" >&2; }

# The mirror apt is configured with (the hash covers the helper too).
mirror=$("$here/../apt-mirror.sh" "$suite")

hash=$({
    printf 'mirror=%s\n' "$mirror"
    cat "$self" "$here/../apt-mirror.sh"
} | sha256sum | cut -c1-12)
outdir="$cache_root/podman-debian12-$hash"
archive="$outdir/podman-debian12.tar"

if [[ -f "$archive" ]]; then
    echo "$archive"
    exit 0
fi

# ---------------------------------------------------------------- build ----
exec 3>&1 1>&2   # everything below talks to stderr; fd 3 is the real stdout

if [[ $EUID -ne 0 ]]; then
    log "must run as root (debootstrap, chroot)"
    exit 1
fi
for tool in debootstrap tar podman; do
    command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit 1; }
done

mkdir -p "$cache_root"
# One build at a time per cache; a second caller waits and then finds the archive.
exec 9>"$cache_root/.podman-debian12.lock"
flock 9
if [[ -f "$archive" ]]; then
    echo "$archive" >&3
    exit 0
fi

work=""
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$work" && -d "$work" ]]; then
        rm -rf --one-file-system "$work"
    fi
    if [[ $rc -ne 0 ]]; then log "FAILED (exit $rc)"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start=$SECONDS
work=$(mktemp -d "$cache_root/.build-podman-debian12.XXXXXX")
root="$work/root"
mkdir -p "$root" "$work/out" "$cache_root/.debs"

# ------------------------------------------------------------ debootstrap ----
# The same package cache as boxes/debian12: a host that built the VM box
# already holds most of these .debs.
log "debootstrap $suite from $mirror"
debootstrap --variant=minbase --include="$packages" \
    --cache-dir="$cache_root/.debs" \
    "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log"
    exit 1
}
log "debootstrap done after $((SECONDS - start)) s"

# A container gets its hostname, resolv.conf and hosts from podman; apt's
# caches and the package lists are dead weight in an image.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
: >"$root/etc/machine-id"

# ---------------------------------------------------------------- image ----
tar --numeric-owner --xattrs -C "$root" -cf "$work/rootfs.tar" .
podman import --change 'CMD ["sleep", "infinity"]' "$work/rootfs.tar" "$image" >/dev/null
podman save --format docker-archive -o "$work/out/podman-debian12.tar" "$image" >/dev/null
log "image $image saved after $((SECONDS - start)) s ($(du -h "$work/out/podman-debian12.tar" | cut -f1))"

mkdir -p "$outdir"
mv "$work/out/podman-debian12.tar" "$archive"
echo "$archive" >&3
