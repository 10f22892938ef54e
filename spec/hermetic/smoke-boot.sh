#!/bin/bash
# Proves a box boots to SSH under the hermetic libvirt (test-only; uses virsh).
#
# Usage: spec/hermetic/smoke-boot.sh BOXFILE [NETNS]
#   NETNS: a namespace started with libvirt-netns.sh (default $VNET_NETNS or "vnet")
#
# Imports the box's box.img into the `default` pool, puts a qcow2 overlay on
# it, defines a minimal TCG domain on a NAT network `vnet-smoke`
# (192.168.121.0/24, DHCP), boots it, waits for its DHCP lease and for
# `ssh vagrant@IP true` (run inside the namespace, with the insecure key), then
# removes everything it created. Prints "lease after X s, ssh after Y s".
# The guest's serial console is kept in $VNET_SMOKE_LOG if set; a shell
# command in $VNET_SMOKE_GUEST_CMD is run in the guest (output to stderr).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
URI=qemu:///system
NET=vnet-smoke
BRIDGE=vnetsmoke0
PREFIX=vnet-smoke-
DOM=${PREFIX}dom
BASE_VOL=${PREFIX}box.img
OVERLAY_VOL=${PREFIX}overlay.qcow2
LEASE_TIMEOUT=${VNET_SMOKE_LEASE_TIMEOUT:-120}
SSH_TIMEOUT=${VNET_SMOKE_SSH_TIMEOUT:-180}

log() { echo "smoke-boot: $*" >&2; }
die() { log "$*"; exit 1; }
virsh_() { virsh -q -c "$URI" "$@"; }

[[ $# -ge 1 && $# -le 2 ]] || { sed -n '2,14p' "$0" >&2; exit 2; }
box=$(readlink -f "$1")
ns=${2:-${VNET_NETNS:-vnet}}
[[ -f "$box" ]] || die "no such box: $1"
"$here/libvirt-netns.sh" status "$ns" >/dev/null ||
    die "hermetic libvirt '$ns' is not running (spec/hermetic/libvirt-netns.sh start $ns)"

key=$("$repo/boxes/insecure-key.sh" "${VNET_BOX_CACHE:-/var/cache/vnet/boxes}/insecure-key" | tail -n1)

tmp=$(mktemp -d /tmp/vnet-smoke.XXXXXX)
chmod 0755 "$tmp"
serial=${VNET_SMOKE_LOG:-$tmp/serial.log}
created_dom="" created_net="" created_vols=()

cleanup() {
    local rc=$? v
    set +e
    if [[ $rc -ne 0 && -s "$serial" ]]; then
        log "serial console (last 30 lines):"
        tail -n 30 "$serial" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' >&2
    fi
    if [[ -n "$created_dom" ]]; then
        virsh_ destroy "$DOM" >/dev/null 2>&1
        virsh_ undefine "$DOM" >/dev/null 2>&1 || log "could not undefine $DOM"
    fi
    for v in "${created_vols[@]}"; do
        virsh_ vol-delete --pool default "$v" >/dev/null || log "could not delete volume $v"
    done
    if [[ -n "$created_net" ]]; then
        virsh_ net-destroy "$NET" >/dev/null 2>&1
        virsh_ net-undefine "$NET" >/dev/null || log "could not undefine network $NET"
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Leftovers from an interrupted earlier run would make define/create fail.
virsh_ dominfo "$DOM" >/dev/null 2>&1 && die "domain $DOM exists (earlier run?); remove it first"
virsh_ net-info "$NET" >/dev/null 2>&1 && die "network $NET exists (earlier run?); remove it first"

# --- image ---------------------------------------------------------------
tar -xzf "$box" -C "$tmp" metadata.json box.img
grep -q '"format" *: *"qcow2"' "$tmp/metadata.json" || die "box is not a qcow2 libvirt box"
vsize=$(qemu-img info --output=json "$tmp/box.img" |
    sed -n 's/.*"virtual-size": *\([0-9]*\).*/\1/p' | head -n1)
virsh_ vol-create-as default "$BASE_VOL" "$vsize" --format qcow2 >/dev/null
created_vols=("$BASE_VOL")
virsh_ vol-upload --pool default "$BASE_VOL" "$tmp/box.img"
rm -f "$tmp/box.img"
virsh_ vol-create-as default "$OVERLAY_VOL" "$vsize" --format qcow2 \
    --backing-vol "$BASE_VOL" --backing-vol-format qcow2 >/dev/null
created_vols=("$OVERLAY_VOL" "$BASE_VOL")
disk=$(virsh_ vol-path --pool default "$OVERLAY_VOL")

# --- network -------------------------------------------------------------
cat >"$tmp/net.xml" <<EOF
<network>
  <name>$NET</name>
  <forward mode='nat'/>
  <bridge name='$BRIDGE' stp='off' delay='0'/>
  <ip address='192.168.121.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.121.2' end='192.168.121.254'/>
    </dhcp>
  </ip>
</network>
EOF
virsh_ net-define "$tmp/net.xml" >/dev/null
created_net=1
virsh_ net-start "$NET" >/dev/null

# The namespace may know only the bridge subnets: no way out for guests.
routes=$("$here/libvirt-netns.sh" exec "$ns" ip -4 route show)
bad_routes=$(grep -v '^192\.168\.' <<<"$routes" || true)
[[ -z "$bad_routes" ]] || die "unexpected route in netns $ns: $bad_routes"
log "netns routes: $(tr '\n' ';' <<<"$routes")"

# --- domain --------------------------------------------------------------
mac=$(printf '52:54:00:%02x:%02x:%02x' $((RANDOM % 256)) $((RANDOM % 256)) $((RANDOM % 256)))
: >"$serial"
cat >"$tmp/dom.xml" <<EOF
<domain type='qemu'>
  <name>$DOM</name>
  <memory unit='MiB'>512</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features><acpi/><apic/></features>
  <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$disk'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='$NET'/>
      <mac address='$mac'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'>
      <source path='$serial'/>
      <target port='0'/>
    </serial>
  </devices>
</domain>
EOF
virsh_ define "$tmp/dom.xml" >/dev/null
created_dom=1
t0=$(now)
virsh_ start "$DOM" >/dev/null
log "started $DOM (mac $mac); waiting for a lease"

# --- lease ---------------------------------------------------------------
ip=""
while [[ -z "$ip" ]]; do
    # Newest lease for our MAC wins (libvirt keeps stale ones).
    ip=$(virsh_ net-dhcp-leases "$NET" --mac "$mac" 2>/dev/null |
        awk '$4 == "ipv4" { split($5, a, "/"); print $1 " " $2 " " a[1] }' |
        sort | tail -n1 | awk '{print $3}')
    [[ -n "$ip" ]] && break
    state=$(virsh_ domstate "$DOM" 2>/dev/null || true)
    [[ "$state" == running ]] || die "domain is $state before getting a lease"
    (( $(awk -v a="$(since "$t0")" -v m="$LEASE_TIMEOUT" 'BEGIN{print (a > m)}') )) &&
        die "no DHCP lease after ${LEASE_TIMEOUT}s"
    sleep 0.5
done
t_lease=$(since "$t0")
log "lease $ip after ${t_lease}s; waiting for ssh"

# --- ssh -----------------------------------------------------------------
ssh_in() {
    "$here/libvirt-netns.sh" exec "$ns" ssh -i "$key" \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        -o BatchMode=yes -o ConnectTimeout=2 -o LogLevel=ERROR \
        "vagrant@$ip" "$@"
}
until ssh_in true 2>/dev/null; do
    (( $(awk -v a="$(since "$t0")" -v m="$SSH_TIMEOUT" 'BEGIN{print (a > m)}') )) &&
        die "no ssh after ${SSH_TIMEOUT}s"
    sleep 0.5
done
t_ssh=$(since "$t0")

# A few facts the rest of vnet relies on.
facts=$(ssh_in 'sudo -n true && echo "sudo=ok host=$(hostname) machine-id=$(cat /etc/machine-id) hostkeys=$(ls /etc/ssh/ | grep -c "_key$") route=$(ip -4 route show default | cut -d" " -f1-3)"')
log "guest: $facts"
if [[ -n "${VNET_SMOKE_GUEST_CMD:-}" ]]; then
    ssh_in "$VNET_SMOKE_GUEST_CMD" >&2 || log "guest command failed"
fi
echo "lease after ${t_lease} s, ssh after ${t_ssh} s"
