#!/bin/bash
# Builds vnet's real test box: a minimal, self-booting Debian 12 (bookworm)
# libvirt Vagrant box, from Debian packages only. See boxes/README.md.
#
# Usage: boxes/debian12/build.sh
#   env VNET_BOX_CACHE   cache root (default /var/cache/vnet/boxes)
#
# Output: $VNET_BOX_CACHE/debian12-<hash12>/debian12.box, where <hash12> covers
# this script, the insecure public key and the mirror URI. If that file already
# exists nothing is built. The LAST line on stdout is always the absolute path
# of the .box; all progress goes to stderr. Needs root, debootstrap, extlinux,
# syslinux-common, e2fsprogs, fdisk (sfdisk), qemu-utils and loop devices.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
self="$here/$(basename "${BASH_SOURCE[0]}")"
cache_root=${VNET_BOX_CACHE:-/var/cache/vnet/boxes}
suite=bookworm
disk_gib=2
hostname=vnet-debian12
packages=systemd-sysv,udev,openssh-server,sudo,linux-image-cloud-amd64,rsync,iproute2,iputils-ping,netbase,dbus,systemd-resolved,ca-certificates

log() { echo "debian12: $*" >&2; }

# The mirror apt is configured with (the hash covers the helper too).
mirror=$("$here/../apt-mirror.sh" "$suite")

# The insecure keypair lives next to the boxes in the cache; insecure-key.sh is
# a no-op once it is there.
keydir="$cache_root/insecure-key"
"$here/../insecure-key.sh" "$keydir" >/dev/null

hash=$({
    printf 'mirror=%s\n' "$mirror"
    cat "$self" "$here/../apt-mirror.sh"
    cat "$keydir"/*.pub
} | sha256sum | cut -c1-12)
outdir="$cache_root/debian12-$hash"
box="$outdir/debian12.box"

if [[ -f "$box" ]]; then
    echo "$box"
    exit 0
fi

# ---------------------------------------------------------------- build ----
exec 3>&1 1>&2   # everything below talks to stderr; fd 3 is the real stdout

if [[ $EUID -ne 0 ]]; then
    log "must run as root (debootstrap, loop devices, mount)"
    exit 1
fi
for tool in debootstrap extlinux sfdisk mkfs.ext4 losetup qemu-img chroot; do
    command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit 1; }
done
mbr_bin=/usr/lib/syslinux/mbr/mbr.bin
[[ -f "$mbr_bin" ]] || { log "missing $mbr_bin (syslinux-common)"; exit 1; }

mkdir -p "$cache_root"
# One build at a time per cache; a second caller waits and then finds the box.
exec 9>"$cache_root/.debian12.lock"
flock 9
if [[ -f "$box" ]]; then
    echo "$box" >&3
    exit 0
fi

work="" loop="" mnt=""
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$mnt" ]] && mountpoint -q "$mnt"; then
        umount "$mnt" || umount -l "$mnt"
    fi
    if [[ -n "$loop" ]]; then
        losetup -d "$loop"
    fi
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
work=$(mktemp -d "$cache_root/.build-debian12.XXXXXX")
root="$work/root"
mnt="$work/mnt"
mkdir -p "$root" "$mnt" "$work/out" "$cache_root/.debs"

# ------------------------------------------------------------ debootstrap ----
log "debootstrap $suite from $mirror"
debootstrap --variant=minbase --include="$packages" \
    --cache-dir="$cache_root/.debs" \
    "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log"
    exit 1
}
log "debootstrap done after $((SECONDS - start)) s"

in_root() { chroot "$root" "$@"; }
kver=$(basename "$(readlink -f "$root/vmlinuz")"); kver=${kver#vmlinuz-}
log "kernel $kver"

# -------------------------------------------------------------- configure ----
echo "$hostname" >"$root/etc/hostname"
cat >"$root/etc/hosts" <<EOF
127.0.0.1	localhost
127.0.1.1	$hostname
::1		localhost ip6-localhost ip6-loopback
ff02::1		ip6-allnodes
ff02::2		ip6-allrouters
EOF

# Empty (but present) machine-id: every clone makes its own at first boot.
: >"$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"
ln -s /etc/machine-id "$root/var/lib/dbus/machine-id"

# DHCP on every NIC. ClientIdentifier=mac: the lease follows the NIC's MAC, so
# clones never share an address even if they ended up with one machine-id.
# UseHostname=no: the hostname is the box's (or what vnet sets), not DHCP's.
mkdir -p "$root/etc/systemd/network"
cat >"$root/etc/systemd/network/80-dhcp.network" <<'EOF'
[Match]
Name=en* eth*

[Network]
DHCP=yes

[DHCPv4]
ClientIdentifier=mac
UseHostname=no
EOF
ln -sfn ../run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"
in_root systemctl enable systemd-networkd.service systemd-resolved.service >/dev/null 2>&1

# Don't wait minutes for "online" when a NIC stays unconfigured.
mkdir -p "$root/etc/systemd/system/systemd-networkd-wait-online.service.d"
cat >"$root/etc/systemd/system/systemd-networkd-wait-online.service.d/any.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=/lib/systemd/systemd-networkd-wait-online --any --timeout=60
EOF

# No background jobs competing for the (emulated) CPU, no first-boot prompts.
in_root systemctl mask apt-daily.timer apt-daily-upgrade.timer \
    apt-daily.service apt-daily-upgrade.service systemd-firstboot.service >/dev/null 2>&1
in_root systemctl disable dpkg-db-backup.timer e2scrub_all.timer fstrim.timer \
    e2scrub_reap.service >/dev/null 2>&1

# SSH: no host keys in the image; ed25519 + ecdsa are made at first boot (RSA
# is too slow under emulation), and sshd is told to use exactly those.
rm -f "$root"/etc/ssh/ssh_host_*
cat >"$root/etc/ssh/sshd_config.d/10-vnet.conf" <<'EOF'
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
UseDNS no
EOF
cat >"$root/usr/local/sbin/vnet-ssh-hostkeys" <<'EOF'
#!/bin/sh
# Generates the SSH host keys this box's sshd uses, if they are missing.
set -e
for t in ed25519 ecdsa; do
    f=/etc/ssh/ssh_host_${t}_key
    if [ ! -s "$f" ] || [ ! -s "$f.pub" ]; then
        rm -f "$f" "$f.pub"
        ssh-keygen -q -t "$t" -N '' -C "root@$(hostname)" -f "$f"
    fi
done
EOF
chmod 0755 "$root/usr/local/sbin/vnet-ssh-hostkeys"
cat >"$root/etc/systemd/system/vnet-ssh-hostkeys.service" <<'EOF'
[Unit]
Description=Generate SSH host keys (ed25519, ecdsa)
Before=ssh.service
ConditionPathExists=|!/etc/ssh/ssh_host_ed25519_key
ConditionPathExists=|!/etc/ssh/ssh_host_ecdsa_key

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/vnet-ssh-hostkeys

[Install]
WantedBy=ssh.service multi-user.target
EOF
in_root systemctl enable vnet-ssh-hostkeys.service >/dev/null 2>&1

# The vagrant user: password "vagrant" (Vagrant box convention), password-less
# sudo, the insecure public key(s) in authorized_keys.
in_root useradd --create-home --shell /bin/bash --user-group vagrant
echo 'vagrant:vagrant' | in_root chpasswd
cat >"$root/etc/sudoers.d/vagrant" <<'EOF'
vagrant ALL=(ALL) NOPASSWD: ALL
EOF
chmod 0440 "$root/etc/sudoers.d/vagrant"
in_root visudo -cq -f /etc/sudoers.d/vagrant
install -d -m 0700 "$root/home/vagrant/.ssh"
cat "$keydir"/*.pub >"$root/home/vagrant/.ssh/authorized_keys"
chmod 0600 "$root/home/vagrant/.ssh/authorized_keys"
uid_gid=$(in_root id -u vagrant):$(in_root id -g vagrant)
chown -R "$uid_gid" "$root/home/vagrant/.ssh"

# Small: no apt caches or lists, no docs/man pages/translations (now or later).
cat >"$root/etc/dpkg/dpkg.cfg.d/01-vnet-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
EOF
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/*
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
rm -f "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old
rm -f "$root"/vmlinuz.old "$root"/initrd.img.old
find "$root/var/log" -type f -exec truncate -s 0 {} +
rm -rf "$root"/tmp/* "$root"/var/tmp/*

# ------------------------------------------------------------------- disk ----
uuid=$(cat /proc/sys/kernel/random/uuid)
cat >"$root/etc/fstab" <<EOF
# <file system>	<mount point>	<type>	<options>	<dump>	<pass>
UUID=$uuid	/	ext4	errors=remount-ro	0	1
EOF
# A small initramfs (faster to load under emulation): only the drivers a
# libvirt guest's root disk can sit behind (the cloud kernel has no AHCI, and
# NVMe is built in); fsck.ext4 included for the root fs.
sed -i -e 's/^MODULES=.*/MODULES=list/' -e 's/^FSTYPE=.*/FSTYPE=ext4/' \
    "$root/etc/initramfs-tools/initramfs.conf"
printf '%s\n' virtio_pci virtio_blk virtio_scsi virtio_net sd_mod ata_piix \
    >>"$root/etc/initramfs-tools/modules"
in_root update-initramfs -u -k "$kver" >"$work/initramfs.log" 2>&1 || {
    cat "$work/initramfs.log"
    exit 1
}
rm -f "$root/boot/initrd.img-$kver".*

mkdir -p "$root/boot/extlinux"
cat >"$root/boot/extlinux/extlinux.conf" <<EOF
DEFAULT debian
PROMPT 0
TIMEOUT 0

LABEL debian
    LINUX /vmlinuz
    INITRD /initrd.img
    APPEND root=UUID=$uuid ro console=tty0 console=ttyS0,115200 no_timer_check
EOF
# no_timer_check: the kernel's check that the IO-APIC timer ticks is unreliable when an emulated CPU is starved
# (several guests booting under TCG on two cores), and its failure is a panic 0.03 s into boot ("IO-APIC + timer
# doesn't work!"). Cloud images set it for the same reason.

raw="$work/disk.raw"
truncate -s "${disk_gib}G" "$raw"
# One primary Linux partition from 1 MiB to the end, marked active.
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk --quiet "$raw"
part_start=$((2048 * 512))
part_size=$(( $(stat -c %s "$raw") - part_start ))
loop=$(losetup --find --show --offset "$part_start" --sizelimit "$part_size" "$raw")
log "filesystem on $loop"
# extlinux cannot read 64bit ext4; inode tables zeroed now, not by the guest.
mkfs.ext4 -q -F -O ^64bit -L vnet-root -U "$uuid" \
    -E lazy_itable_init=0,lazy_journal_init=0 "$loop"
mount "$loop" "$mnt"
cp -a "$root/." "$mnt/"
extlinux --install "$mnt/boot/extlinux" 2>&1
sync
umount "$mnt"
losetup -d "$loop"
loop=""
dd if="$mbr_bin" of="$raw" bs=440 count=1 conv=notrunc status=none

# --------------------------------------------------------------- package ----
log "converting to compressed qcow2"
qemu-img convert -c -O qcow2 -o compression_type=zstd "$raw" "$work/out/box.img"
rm -f "$raw"
vbytes=$(qemu-img info --output=json "$work/out/box.img" |
    sed -n 's/.*"virtual-size": *\([0-9]*\).*/\1/p' | head -n1)
vgib=$(( (vbytes + 1073741823) / 1073741824 ))

printf '{"provider":"libvirt","format":"qcow2","virtual_size":%d}\n' "$vgib" \
    >"$work/out/metadata.json"
cat >"$work/out/info.json" <<'EOF'
{"author":"vnet","homepage":"https://github.com/vnet/vnet/tree/main/boxes/debian12","description":"Minimal Debian 12 test box"}
EOF
cat >"$work/out/Vagrantfile.csx" <<'EOF'
// Settings that make this box boot on hosts where only TCG works.
Vagrant.Configure(config =>
{
    config.Vm.Provider("libvirt", p =>
    {
        p["driver"] = "qemu";
        p["disk_bus"] = "virtio";
        p["nic_model_type"] = "virtio";
    });
});
EOF
tar -C "$work/out" -I "gzip -1" -cf "$work/out/debian12.box.part" \
    metadata.json info.json Vagrantfile.csx box.img
mv "$work/out/debian12.box.part" "$work/out/debian12.box"
rm -f "$work/out/box.img" "$work/out/metadata.json" "$work/out/info.json" \
    "$work/out/Vagrantfile.csx"
cp "$work/debootstrap.log" "$work/out/debootstrap.log"
# The box's kernel and initramfs beside it, for tests that boot it directly (libvirt.kernel/initrd/cmd_line).
cp "$root/boot/vmlinuz-$kver" "$work/out/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/out/initrd.img"

# Atomic publish: the directory appears complete or not at all.
rm -rf "$outdir"
mv -T "$work/out" "$outdir"
log "built $box ($(du -h "$box" | cut -f1)) in $((SECONDS - start)) s"
echo "$box" >&3
