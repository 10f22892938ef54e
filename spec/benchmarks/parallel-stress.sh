#!/usr/bin/env bash
# Parallel stress benchmark (a figure for notes, never a timed test): in one hermetic namespace, ROUNDS rounds of a
# parallel `vnet up` of MACHINES machines on one private network, each checked (every machine running and answering
# SSH), then `vnet destroy -f`, checked to leave no domain, overlay volume or network. Counts failed rounds and prints
# each round's wall times. Run it alone: the guests boot under TCG on the machine's cores.
# Usage: spec/benchmarks/parallel-stress.sh [VNET_BINARY] [BOX_FILE] [MACHINES] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
vnet="${1:-$repo/artifacts/vnet/vnet}"
box="${2:-$("$repo/boxes/debian12/build.sh" | tail -n1)}"
machines="${3:-4}"
rounds="${4:-5}"
ns="vnet-stress-$$"
work="$(mktemp -d /tmp/vnet-stress.XXXXXX)"
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
"$vnet" box add --name vnet/debian12 "$box" >/dev/null
cd "$work/project"
cat > Vagrantfile.csx <<CSX
Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
    for (var i = 1; i <= $machines; i++)
    {
        var ip = \$"10.44.0.{10 + i}";
        config.Vm.Define(\$"m{i}", m => m.Vm.Network.PrivateNetwork(ip: ip));
    }
});
CSX
n() { ip netns exec "$ns" "$vnet" "$@"; }
virsh_() { ip netns exec "$ns" virsh -c qemu:///system "$@"; }
failed=0
for round in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  if ! n up --parallel "$machines" >"$work/up.log" 2>&1; then
    echo "round $round: up failed:"; grep -E 'failed|error' "$work/up.log" | head -5; failed=$((failed + 1))
  else
    for i in $(seq 1 "$machines"); do
      n ssh "m$i" -c true >/dev/null 2>&1 || { echo "round $round: m$i does not answer SSH"; failed=$((failed + 1)); }
    done
  fi
  up_end=$(date +%s.%N)
  n destroy -f >"$work/destroy.log" 2>&1 || { echo "round $round: destroy failed"; cat "$work/destroy.log"; failed=$((failed + 1)); }
  end=$(date +%s.%N)
  left="$(virsh_ list --all --name | grep -c . || true) domains, $(virsh_ vol-list default | grep -c '_m[0-9]*.img' || true) overlays, $(virsh_ net-list --all --name | grep -cE '^(vnet-|vagrant-libvirt)' || true) networks"
  [[ "$left" == "0 domains, 0 overlays, 0 networks" ]] || { echo "round $round: left $left"; failed=$((failed + 1)); }
  awk -v r="$round" -v s="$start" -v u="$up_end" -v e="$end" -v l="$left" 'BEGIN { printf "round %d: up + ssh checks %6.1f s, destroy %5.1f s, left: %s\n", r, u - s, e - u, l }'
done
echo "parallel stress: $machines machines x $rounds rounds, $failed failures"
[[ $failed -eq 0 ]]
