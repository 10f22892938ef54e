#!/usr/bin/env bash
# Lifecycle benchmark (figures for notes, never a timed test): in one hermetic namespace, the raw
# boot-to-SSH time of the test box (spec/hermetic/smoke-boot.sh, plain virsh + ssh) next to the wall
# time of `vnet up` (box already added), then `status`, `ssh -c`, `provision` and `rsync` (each next to the
# same operation done with the system ssh and rsync against the same guest), snapshot save/restore/delete,
# `halt`, `up` again, `destroy`.
# Usage: spec/benchmarks/lifecycle.sh [VNET_BINARY] [BOX_FILE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
vnet="${1:-$repo/artifacts/vnet/vnet}"
box="${2:-$("$repo/boxes/debian12/build.sh" | tail -n1)}"
ns="vnet-bench-$$"
work="$(mktemp -d /tmp/vnet-bench.XXXXXX)"
export VNET_HOME="$work/home"
mkdir -p "$VNET_HOME" "$work/project"
cp "$(bash "$repo/boxes/insecure-key.sh" "$work/keys" | tail -n1)" "$VNET_HOME/insecure_private_key"
cleanup() {
  (cd "$work/project" && ip netns exec "$ns" "$vnet" destroy -f >/dev/null 2>&1) || true
  bash "$repo/spec/hermetic/libvirt-netns.sh" stop "$ns" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
bash "$repo/spec/hermetic/libvirt-netns.sh" start "$ns" >/dev/null 2>&1

timed() { # label, command...
  local start end
  start=$(date +%s.%N)
  "${@:2}" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; echo "$1 failed" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v l="$1" -v s="$start" -v e="$end" 'BEGIN { printf "%-28s %6.2f s\n", l, e - s }'
}

echo "raw boot of the same box (virsh + ssh):"
bash "$repo/spec/hermetic/smoke-boot.sh" "$box" "$ns" 2>&1 | grep -E 'lease after' | sed 's/^/  /'
"$vnet" box add --name vnet/debian12 "$box" >/dev/null
cd "$work/project"
cat > Vagrantfile.csx <<'CSX'
Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.SyncedFolder(".", "/vagrant", exclude: ["Vagrantfile.csx"]);
    config.Vm.Provision.Shell(name: "one", inline: "true");
});
CSX
echo "vnet:"
n() { ip netns exec "$ns" "$vnet" "$@"; }
timed "  up (first, imports box)" n up
timed "  status" n status
timed "  ssh -c true" n ssh -c true
n ssh-config > "$work/ssh-config"
timed "  provision (one inline)" n provision
timed "  raw: ssh sudo bash -c true" ip netns exec "$ns" ssh -F "$work/ssh-config" default "sudo bash -c 'echo true > /tmp/p.sh && bash /tmp/p.sh'"
mkdir -p data && for i in $(seq 1 50); do head -c 20000 /dev/urandom > "data/f$i"; done
timed "  rsync (50 files, 1 MB)" n rsync
echo changed >> data/f1
timed "  rsync again (one change)" n rsync
timed "  raw: rsync over ssh" ip netns exec "$ns" rsync --archive --delete -z --copy-links --rsync-path="sudo rsync" -e "ssh -F $work/ssh-config" ./ default:/vagrant/
timed "  snapshot save (running)" n snapshot save bench
timed "  snapshot restore" n snapshot restore bench
timed "  snapshot delete" n snapshot delete bench
timed "  halt" n halt
timed "  up (halted machine)" n up
timed "  destroy -f" n destroy -f
