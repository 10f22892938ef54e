#!/usr/bin/env bash
# Installs the Debian packages vnet's tests and demo need, once. Quiet when all are present.
set -euo pipefail
packages=(
  libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base
  debootstrap extlinux syslinux-common e2fsprogs fdisk
  rsync openssh-client openssh-server iproute2 sudo nfs-ganesha nfs-ganesha-vfs genisoimage
  podman runc
  isolinux pxelinux ipxe-qemu
  swtpm swtpm-tools
)
# The reference for the Ruby-Vagrantfile differential test. Without their recommends: those would add an NFS server
# and libguestfs to the host, which the tests must not depend on.
plain_packages=(vagrant vagrant-libvirt)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
missing_plain=()
for p in "${plain_packages[@]}"; do
  installed "$p" || missing_plain+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ ${#missing_plain[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-host-deps: missing packages: ${missing[*]} ${missing_plain[*]}; run as root (or install them) and try again" >&2
  exit 1
fi
echo "install-host-deps: installing ${missing[*]} ${missing_plain[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -q "${missing[@]}" >/dev/null
fi
if [ ${#missing_plain[@]} -gt 0 ]; then
  apt-get install -y -q --no-install-recommends "${missing_plain[@]}" >/dev/null
fi
