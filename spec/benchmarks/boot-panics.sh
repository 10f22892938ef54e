#!/usr/bin/env bash
# Early-boot panic count (a figure for notes, never a timed test): boots the box's image TOTAL times, BATCH guests at
# once under TCG in a hermetic libvirtd, and reads each serial console until the kernel either panics or hands over
# to the initramfs ("Run /init"), which is past the IO-APIC timer check that panics on a starved emulated CPU. Then
# the guest is destroyed: only the kernel's first seconds are measured, so the count is cheap to take.
# Usage: spec/benchmarks/boot-panics.sh BOX_FILE [TOTAL] [BATCH] [VCPUS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
box="$1"
total="${2:-20}"
batch="${3:-5}"
cpus="${4:-1}"
ns="vnet-panics-$$"
work="$(mktemp -d /tmp/vnet-panics.XXXXXX)"
pool=/var/lib/libvirt/images
prefix="vnetbench-$$"
virsh_() { virsh -q -c qemu:///system "$@"; }
cleanup() {
  for d in $(virsh_ list --all --name 2>/dev/null | grep "^$prefix-" || true); do
    virsh_ destroy "$d" >/dev/null 2>&1 || true
    virsh_ undefine "$d" >/dev/null 2>&1 || true
  done
  rm -f "$pool/$prefix"-* /var/log/libvirt/qemu/"$prefix"-*
  bash "$repo/spec/hermetic/libvirt-netns.sh" stop "$ns" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
bash "$repo/spec/hermetic/libvirt-netns.sh" start "$ns" >/dev/null 2>&1
tar -xzf "$box" -C "$work" box.img
cp "$work/box.img" "$pool/$prefix-base.img"

domain_xml() { # name overlay log
  cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>512</memory>
  <vcpu>$cpus</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>
  <features><acpi/><apic/><pae/></features>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$2'/><target dev='vda' bus='virtio'/></disk>
    <serial type='pty'><target port='0'/><log file='$3' append='off'/></serial>
  </devices>
</domain>
XML
}

panics=0 booted=0 unknown=0 n=0
while (( n < total )); do
  names=()
  for ((i = 0; i < batch && n < total; i++, n++)); do
    name="$prefix-$n"
    qemu-img create -q -f qcow2 -F qcow2 -b "$pool/$prefix-base.img" "$pool/$name.img"
    domain_xml "$name" "$pool/$name.img" "/var/log/libvirt/qemu/$name-serial.log" >"$work/$name.xml"
    virsh_ define "$work/$name.xml" >/dev/null
    names+=("$name")
  done
  for name in "${names[@]}"; do virsh_ start "$name" >/dev/null; done
  for name in "${names[@]}"; do
    log="/var/log/libvirt/qemu/$name-serial.log" verdict=unknown
    for ((t = 0; t < 180; t++)); do
      if grep -q "Kernel panic" "$log" 2>/dev/null; then verdict=panic; break; fi
      if grep -qE "Run /init|Run /sbin/init" "$log" 2>/dev/null; then verdict=booted; break; fi
      sleep 1
    done
    case $verdict in
      panic) panics=$((panics + 1)); echo "$name: $(grep -m1 -A1 'Kernel panic' "$log" | head -1 | tr -d '\r')" ;;
      booted) booted=$((booted + 1)) ;;
      *) unknown=$((unknown + 1)); echo "$name: neither a panic nor init within 180 s" ;;
    esac
  done
  for name in "${names[@]}"; do
    virsh_ destroy "$name" >/dev/null 2>&1 || true
    virsh_ undefine "$name" >/dev/null
    rm -f "$pool/$name.img"
  done
done
echo "boot panics: $panics of $total boots panicked ($booted reached init, $unknown undecided; $batch at a time, $cpus vCPUs each) for $(basename "$(dirname "$box")")"
