#!/bin/bash
# Builds the tiny lab box: a libvirt Vagrant box of Debian 12 packages with no
# systemd: the cloud kernel, a busybox initramfs that loads the virtio drivers,
# busybox-static as init and userland, dropbear as the SSH server (with
# OpenSSH's sftp-server) and the real sudo. A 20 MB box (14 MB of it the
# kernel); boots to SSH in ~12 s under TCG in 128 MiB. See boxes/README.md.
#
# Usage: boxes/tiny-lab/build.sh
#   env VNET_BOX_CACHE   cache root (default /var/cache/vnet/boxes)
#
# Output: $VNET_BOX_CACHE/tiny-lab-<hash12>/tiny-lab.box, where <hash12> covers
# this script, the insecure public key and the mirror URI. If that file already
# exists nothing is built. The LAST line on stdout is always the absolute path
# of the .box; all progress goes to stderr. Needs root, apt-get, dpkg-deb,
# extlinux, syslinux-common, e2fsprogs, fdisk (sfdisk), qemu-utils, openssl, binutils (objdump)
# and loop devices. No debootstrap: packages are unpacked with dpkg-deb -x.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
self="$here/$(basename "${BASH_SOURCE[0]}")"
cache_root=${VNET_BOX_CACHE:-/var/cache/vnet/boxes}
suite=bookworm
disk_mib=256
hostname=vnet-tiny
# Everything in the image. The shared libraries are the Depends of dropbear-bin
# and sudo (checked below: every ELF file's NEEDED libraries must be present).
packages=(busybox-static dropbear-bin libc6 libgcc-s1 libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g
    sudo libaudit1 libcap-ng0 libselinux1 libpcre2-8-0 libpam0g libpam-modules openssh-sftp-server linux-image-cloud-amd64)
# Drivers the initramfs loads (with their dependencies): a libvirt guest's disk
# and NIC (the cloud kernel has no e1000). ext4 and the serial port are built in.
modules=(virtio_pci virtio_blk virtio_scsi sd_mod virtio_net)

log() { echo "tiny-lab: $*" >&2; }

# The mirror apt is configured with (the hash covers the helper too).
mirror=$("$here/../apt-mirror.sh" "$suite")

keydir="$cache_root/insecure-key"
"$here/../insecure-key.sh" "$keydir" >/dev/null

hash=$({
    printf 'mirror=%s\n' "$mirror"
    cat "$self" "$here/../apt-mirror.sh"
    cat "$keydir"/*.pub
} | sha256sum | cut -c1-12)
outdir="$cache_root/tiny-lab-$hash"
box="$outdir/tiny-lab.box"

if [[ -f "$box" ]]; then
    echo "$box"
    exit 0
fi

# ---------------------------------------------------------------- build ----
exec 3>&1 1>&2   # everything below talks to stderr; fd 3 is the real stdout

if [[ $EUID -ne 0 ]]; then
    log "must run as root (loop devices, mount, setuid sudo)"
    exit 1
fi
for tool in apt-get apt-cache dpkg-deb extlinux sfdisk mkfs.ext4 losetup qemu-img openssl objdump; do
    command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit 1; }
done
mbr_bin=/usr/lib/syslinux/mbr/mbr.bin
[[ -f "$mbr_bin" ]] || { log "missing $mbr_bin (syslinux-common)"; exit 1; }

mkdir -p "$cache_root"
exec 9>"$cache_root/.tiny-lab.lock"
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
work=$(mktemp -d "$cache_root/.build-tiny-lab.XXXXXX")
root="$work/root"
mnt="$work/mnt"
debs="$cache_root/.debs"
mkdir -p "$root" "$mnt" "$work/out" "$debs"

# --------------------------------------------------------------- packages ----
# The kernel metapackage only points at the versioned image package.
kpkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
[[ -n "$kpkg" ]] || { log "cannot resolve linux-image-cloud-amd64"; exit 1; }
wanted=()
for p in "${packages[@]}"; do
    [[ "$p" == linux-image-cloud-amd64 ]] && p=$kpkg
    wanted+=("$p")
done
files=()
missing=()
for p in "${wanted[@]}"; do
    # The name apt-get download gives the file: name_version_arch.deb, epoch ":" as "%3a".
    f=$(apt-cache show --no-all-versions "$p" | awk '
        /^Package:/ { n = $2 } /^Version:/ { v = $2 } /^Architecture:/ { a = $2 }
        END { if (n != "") { sub(/:/, "%3a", v); print n "_" v "_" a ".deb" } }')
    [[ -n "$f" ]] || { log "no package $p"; exit 1; }
    files+=("$debs/$f")
    [[ -f "$debs/$f" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    log "downloading ${missing[*]}"
    (cd "$debs" && apt-get download -q "${missing[@]}" >/dev/null 2>&1) || {
        log "apt-get download failed"; exit 1; }
fi
for f in "${files[@]}"; do
    [[ -f "$f" ]] || { log "missing after download: $f"; exit 1; }
done

# Unpack into a staging tree; only what the box needs is copied into $root.
stage="$work/stage"
mkdir -p "$stage"
for f in "${files[@]}"; do
    dpkg-deb -x "$f" "$stage"
done
# Bookworm packages still ship files in /bin, /sbin, /lib: merge them into /usr
# in the stage too, so everything below takes them from one place.
for d in bin sbin lib lib64; do
    if [[ -d "$stage/$d" && ! -L "$stage/$d" ]]; then
        mkdir -p "$stage/usr/$d"
        cp -a "$stage/$d/." "$stage/usr/$d/"
        rm -rf "$stage/$d"
    fi
done
kver=$(basename "$(ls -d "$stage"/usr/lib/modules/*)")
log "kernel $kver"

# ------------------------------------------------------------- root tree ----
# Debian 12 is merged-/usr: /bin, /sbin, /lib, /lib64 are links into /usr.
mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{etc,dev,proc,sys,run,tmp,root,home,mnt,boot,var}
ln -s usr/bin "$root/bin"; ln -s usr/sbin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
mkdir -p "$root"/var/{log,tmp,lib} "$root/etc/dropbear"
ln -s ../run "$root/var/run"
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"

# busybox: every applet as a link, without shadowing the real programs (sudo).
install -m 0755 "$stage/usr/bin/busybox" "$root/usr/bin/busybox"
for applet in $("$stage/usr/bin/busybox" --list-full); do
    target="$root/usr/${applet#usr/}"
    [[ -e "$target" || -L "$target" ]] && continue
    mkdir -p "$(dirname "$target")"
    ln -s /usr/bin/busybox "$target"
done
# Applets in /sbin in busybox's list land in /usr/sbin through the /sbin link.

# glibc, the libraries, dropbear, sudo (setuid as shipped), pam_permit only.
cp -a "$stage"/usr/lib/x86_64-linux-gnu "$root/usr/lib/"
rm -rf "$root"/usr/lib/x86_64-linux-gnu/{gconv,audit,security}
mkdir -p "$root/usr/lib/x86_64-linux-gnu/security"
cp -a "$stage/usr/lib/x86_64-linux-gnu/security/pam_permit.so" "$root/usr/lib/x86_64-linux-gnu/security/"
cp -a "$stage"/usr/lib64/ld-linux-x86-64.so.2 "$root/usr/lib64/"
for b in dropbear; do cp -a "$stage/usr/sbin/$b" "$root/usr/sbin/"; done
for b in dropbearkey dropbearconvert dbclient; do cp -a "$stage/usr/bin/$b" "$root/usr/bin/"; done
# vnet uploads files (provisioner scripts, file provisioner) over SFTP; dropbear
# runs the subsystem from /usr/lib/sftp-server (OpenSSH's, which needs only libc).
install -m 0755 "$stage/usr/lib/openssh/sftp-server" "$root/usr/lib/sftp-server"
rm -f "$root/usr/bin/sudo"
cp -a "$stage/usr/bin/sudo" "$root/usr/bin/sudo"
chmod 4755 "$root/usr/bin/sudo"
mkdir -p "$root/usr/libexec"
cp -a "$stage/usr/libexec/sudo" "$root/usr/libexec/"
rm -f "$root"/usr/libexec/sudo/{audit_json.so,sudo_intercept.so,sudo_noexec.so}

# Every dynamic ELF file must find its NEEDED libraries in the box.
while IFS= read -r elf; do
    for lib in $(objdump -p "$elf" 2>/dev/null | awk '/NEEDED/ { print $2 }'); do
        if [[ ! -e "$root/usr/lib/x86_64-linux-gnu/$lib" && ! -e "$root/usr/libexec/sudo/$lib" && ! -e "$root/usr/lib64/$lib" ]]; then
            log "${elf#"$root"} needs $lib, which is not in the box"; exit 1
        fi
    done
done < <(find "$root/usr" -type f \( -perm -u+x -o -name '*.so*' \) -print)

# -------------------------------------------------------------- configure ----
echo "$hostname" >"$root/etc/hostname"
cat >"$root/etc/hosts" <<EOF
127.0.0.1	localhost
127.0.1.1	$hostname
::1		localhost ip6-localhost ip6-loopback
EOF
# Not ID=debian: this is no apt system, and vnet's guest detection should say "busybox".
cat >"$root/etc/os-release" <<'EOF'
PRETTY_NAME="vnet tiny lab (Debian 12 packages, busybox)"
NAME="vnet tiny lab"
ID=vnet-tiny
VERSION_ID=1
EOF
cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
shadow: files
hosts: files dns
EOF
vhash=$(openssl passwd -6 vagrant)
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
vagrant:x:1000:1000:vagrant:/home/vagrant:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
vagrant:x:1000:
nogroup:x:65534:
EOF
printf 'root:*:20000:0:99999:7:::\nvagrant:%s:20000:0:99999:7:::\nnobody:*:20000:0:99999:7:::\n' "$vhash" >"$root/etc/shadow"
chmod 0640 "$root/etc/shadow"
# dropbear refuses logins whose shell is not listed here.
printf '/bin/sh\n/usr/bin/sh\n/bin/ash\n' >"$root/etc/shells"

# sudo: the real one. Its PAM stack only needs to say yes (NOPASSWD for vagrant;
# root needs no check): pam_permit everywhere.
cat >"$root/etc/sudoers" <<'EOF'
Defaults env_reset
Defaults !lecture, !fqdn, !syslog
Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
root    ALL=(ALL:ALL) ALL
vagrant ALL=(ALL) NOPASSWD: ALL
EOF
chmod 0440 "$root/etc/sudoers"
mkdir -p "$root/etc/pam.d"
cat >"$root/etc/pam.d/sudo" <<'EOF'
auth     required pam_permit.so
account  required pam_permit.so
password required pam_permit.so
session  required pam_permit.so
EOF
cp "$root/etc/pam.d/sudo" "$root/etc/pam.d/other"
# sudo's own config: no plugins beyond sudoers, no sudo_intercept/noexec.
printf 'Set disable_coredump false\n' >"$root/etc/sudo.conf"

install -d -m 0755 -o 1000 -g 1000 "$root/home/vagrant"
install -d -m 0700 -o 1000 -g 1000 "$root/home/vagrant/.ssh"
cat "$keydir"/*.pub >"$root/home/vagrant/.ssh/authorized_keys"
chown 1000:1000 "$root/home/vagrant/.ssh/authorized_keys"
chmod 0600 "$root/home/vagrant/.ssh/authorized_keys"
printf 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' >"$root/etc/profile"

# init: busybox init reads /etc/inittab.
cat >"$root/etc/inittab" <<'EOF'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100
::ctrlaltdel:/sbin/reboot
::shutdown:/etc/init.d/rcK
EOF
mkdir -p "$root/etc/init.d" "$root/etc/network/if-up.d" "$root/etc/network/if-pre-up.d" \
    "$root/etc/network/if-down.d" "$root/etc/network/if-post-down.d"
cat >"$root/etc/init.d/rcS" <<'EOF'
#!/bin/sh
# Boot: file systems, hostname, network (DHCP on every NIC not in
# /etc/network/interfaces, ifup for those that are), SSH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
# The initramfs hands /dev over already mounted (devtmpfs); busybox has no mountpoint.
[ -e /proc/self ] || mount -t proc proc /proc
[ -d /sys/kernel ] || mount -t sysfs sysfs /sys
grep -q '^devtmpfs /dev ' /proc/mounts || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620 devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mount -o remount,rw /
mkdir -p /run/network /run/sudo
hostname -F /etc/hostname
echo "$(cat /etc/hostname)" >/proc/sys/kernel/hostname
ip link set lo up
# Drivers the initramfs did not load (a NIC model added later).
[ -f /etc/modules ] && while read -r m; do modprobe -q "$m" 2>/dev/null; done </etc/modules
for i in /sys/class/net/*; do
    n=${i##*/}
    case "$n" in eth*|en*) ;; *) continue ;; esac
    if grep -qE "^(auto|allow-hotplug)[ \t].*\b$n\b" /etc/network/interfaces 2>/dev/null; then
        ifup "$n"
    else
        ip link set "$n" up
        udhcpc -b -S -i "$n" -s /etc/udhcpc.script -p "/run/udhcpc.$n.pid" -x hostname:"$(hostname)" -O 1 -O 3 -O 6
    fi
done
# SSH host key at first boot (ed25519 only: fast even under emulation).
k=/etc/dropbear/dropbear_ed25519_host_key
[ -s "$k" ] || dropbearkey -t ed25519 -f "$k" >/dev/null 2>&1
dropbear -r "$k" -P /run/dropbear.pid
echo "vnet-tiny: up in $(cut -d' ' -f1 /proc/uptime) s" >/dev/console
EOF
cat >"$root/etc/init.d/rcK" <<'EOF'
#!/bin/sh
kill "$(cat /run/dropbear.pid 2>/dev/null)" 2>/dev/null
killall udhcpc 2>/dev/null
sync
mount -o remount,ro /
EOF
cat >"$root/etc/udhcpc.script" <<'EOF'
#!/bin/sh
# udhcpc hook: address, default route and resolv.conf from the lease.
case "$1" in
    deconfig)
        ip -4 addr flush dev "$interface"
        ip link set "$interface" up
        ;;
    bound|renew)
        ip -4 addr flush dev "$interface"
        ip -4 addr add "$ip/${mask:-24}" ${broadcast:+broadcast "$broadcast"} dev "$interface"
        if [ -n "$router" ]; then
            ip -4 route del default dev "$interface" 2>/dev/null
            for r in $router; do ip -4 route add default via "$r" dev "$interface" metric 100 && break; done
        fi
        if [ -n "$dns" ]; then
            { [ -n "$domain" ] && echo "search $domain"; for d in $dns; do echo "nameserver $d"; done; } >/etc/resolv.conf
        fi
        ;;
esac
exit 0
EOF
chmod 0755 "$root/etc/init.d/rcS" "$root/etc/init.d/rcK" "$root/etc/udhcpc.script"
# busybox ifup's dhcp method runs udhcpc with its default script path.
mkdir -p "$root/usr/share/udhcpc"
ln -s /etc/udhcpc.script "$root/usr/share/udhcpc/default.script"
# A NIC that ifup configures (vnet's static addresses) stops the DHCP client
# rcS started on it at boot, which would otherwise keep flushing its address.
cat >"$root/etc/network/if-pre-up.d/stop-boot-dhcp" <<'EOF'
#!/bin/sh
[ "$IFACE" = lo ] && exit 0
pid=/run/udhcpc.$IFACE.pid
if [ -f "$pid" ]; then kill "$(cat "$pid")" 2>/dev/null; rm -f "$pid"; fi
exit 0
EOF
chmod 0755 "$root/etc/network/if-pre-up.d/stop-boot-dhcp"
# ifupdown file: vnet's configure_networks appends its blocks here.
cat >"$root/etc/network/interfaces" <<'EOF'
# NICs listed with "auto" are brought up by ifup at boot; every other eth*/en*
# NIC gets DHCP from /etc/init.d/rcS.
auto lo
iface lo inet loopback
EOF
: >"$root/etc/resolv.conf"
: >"$root/etc/modules"

# ------------------------------------------------------------- initramfs ----
# busybox, the drivers in $modules with their dependencies, and an /init that
# loads them, waits for the root file system and switch_roots to it.
initrd="$work/initrd"
mkdir -p "$initrd"/{bin,dev,proc,sys,newroot,lib/modules/"$kver"}
install -m 0755 "$stage/usr/bin/busybox" "$initrd/bin/busybox"
for a in sh mount umount modprobe findfs switch_root sleep sed; do ln -s busybox "$initrd/bin/$a"; done
kmods="$stage/usr/lib/modules/$kver"
# modules.dep is made by depmod at install time: busybox's depmod makes it here.
"$stage/usr/bin/busybox" depmod -b "$stage/usr" "$kver"
need=()
for m in "${modules[@]}"; do
    path=$(awk -F: -v m="$m" '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n) } n == m { print $0; exit }' "$kmods/modules.dep")
    if [[ -z "$path" ]]; then
        grep -qE "/${m//_/[-_]}\.ko" "$kmods/modules.builtin" && continue
        log "module $m not in $kver"; exit 1
    fi
    for f in ${path/:/ }; do need+=("$f"); done
done
for f in $(printf '%s\n' "${need[@]}" | sort -u); do
    mkdir -p "$initrd/lib/modules/$kver/$(dirname "$f")"
    cp "$kmods/$f" "$initrd/lib/modules/$kver/$f"
done
cp "$kmods"/modules.{order,builtin} "$initrd/lib/modules/$kver/"
"$stage/usr/bin/busybox" depmod -b "$initrd" "$kver"
cat >"$initrd/init" <<EOF
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in ${modules[*]}; do modprobe \$m; done
root=\$(sed -n 's/.*root=\([^ ]*\).*/\1/p' /proc/cmdline)
case "\$root" in UUID=*|LABEL=*) ;; *) root=UUID=\$root ;; esac
i=0
until dev=\$(findfs "\$root" 2>/dev/null); do
    i=\$((i + 1)); [ \$i -gt 100 ] && { echo "initramfs: no \$root"; exec sh; }
    sleep 0.1
done
mount -t ext4 -o rw "\$dev" /newroot || { echo "initramfs: cannot mount \$dev"; exec sh; }
umount /sys /proc
mount --move /dev /newroot/dev
exec switch_root /newroot /sbin/init
EOF
chmod 0755 "$initrd/init"
(cd "$initrd" && find . | "$stage/usr/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -9) >"$root/boot/initrd.img"
cp "$stage/boot/vmlinuz-$kver" "$root/boot/vmlinuz"
# The same drivers in the root fs, for modprobe after boot (+ modules.dep).
mkdir -p "$root/lib/modules"
cp -a "$initrd/lib/modules/$kver" "$root/lib/modules/"

# ------------------------------------------------------------------- disk ----
uuid=$(cat /proc/sys/kernel/random/uuid)
printf 'UUID=%s\t/\text4\trw\t0\t1\n' "$uuid" >"$root/etc/fstab"
mkdir -p "$root/boot/extlinux"
cat >"$root/boot/extlinux/extlinux.conf" <<EOF
DEFAULT tiny
PROMPT 0
TIMEOUT 0

LABEL tiny
    LINUX /boot/vmlinuz
    INITRD /boot/initrd.img
    APPEND root=UUID=$uuid rw console=tty0 console=ttyS0,115200 no_timer_check quiet loglevel=4
EOF
# no_timer_check: see boxes/debian12/build.sh (IO-APIC timer check panics under a starved TCG CPU).

raw="$work/disk.raw"
truncate -s "${disk_mib}M" "$raw"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk --quiet "$raw"
part_start=$((2048 * 512))
part_size=$(( $(stat -c %s "$raw") - part_start ))
loop=$(losetup --find --show --offset "$part_start" --sizelimit "$part_size" "$raw")
mkfs.ext4 -q -F -O ^64bit,^metadata_csum -L vnet-tiny -U "$uuid" \
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
# virtual_size is in GiB (whole numbers in box metadata): a 256 MiB disk says 1;
# the image itself stays 256 MiB (vnet/libvirt grow disks, never shrink them).
printf '{"provider":"libvirt","format":"qcow2","virtual_size":1}\n' >"$work/out/metadata.json"
cat >"$work/out/info.json" <<'EOF'
{"author":"vnet","homepage":"https://github.com/vnet/vnet/tree/main/boxes/tiny-lab","description":"Tiny busybox + dropbear lab box (Debian 12 packages, no systemd)"}
EOF
cat >"$work/out/Vagrantfile.csx" <<'EOF'
// Settings that make this box boot on hosts where only TCG works, in 128 MiB.
// The box has no bash: commands run under busybox sh.
Vagrant.Configure(config =>
{
    config.Ssh.Shell = "sh -l";
    config.Vm.Provider("libvirt", p =>
    {
        p["driver"] = "qemu";
        p["memory"] = 128;
        p["disk_bus"] = "virtio";
        p["nic_model_type"] = "virtio";
    });
});
EOF
tar -C "$work/out" -I "gzip -1" -cf "$work/out/tiny-lab.box.part" \
    metadata.json info.json Vagrantfile.csx box.img
mv "$work/out/tiny-lab.box.part" "$work/out/tiny-lab.box"
rm -f "$work/out/box.img" "$work/out/metadata.json" "$work/out/info.json" "$work/out/Vagrantfile.csx"
cp "$root/boot/vmlinuz" "$work/out/vmlinuz"
cp "$root/boot/initrd.img" "$work/out/initrd.img"

rm -rf "$outdir"
mv -T "$work/out" "$outdir"
log "built $box ($(du -h "$box" | cut -f1)) in $((SECONDS - start)) s"
echo "$box" >&3
