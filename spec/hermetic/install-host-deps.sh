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
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-host-deps: missing packages: ${missing[*]}; run as root (or install them) and try again" >&2
  exit 1
fi
echo "install-host-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q "${missing[@]}" >/dev/null
