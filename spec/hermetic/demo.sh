#!/usr/bin/env bash
# vnet's main job, end to end and hermetic: add the test box, bring up a real VM from it, run a command
# in it over SSH, destroy it. Runs inside a network namespace of its own (see libvirt-netns.sh).
# Usage: demo.sh VNET_BINARY BOX_FILE
set -euo pipefail
vnet="$1" box="$2"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/vnet-demo.XXXXXX)"
export VNET_HOME="$work/home"
# Fetched before entering the namespace, where there is no network.
export VNET_INSECURE_KEY="${VNET_INSECURE_KEY:-$(bash "$here/../../boxes/insecure-key.sh" /var/cache/vnet/boxes/insecure-key | tail -n1)}"
mkdir -p "$work/demo"
cleanup() {
  (cd "$work/demo" && "$vnet" destroy -f >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work/demo"
inner() {
  set -euo pipefail
  echo "\$ vnet box add --name vnet/debian12 $box"
  "$vnet" box add --name vnet/debian12 "$box"
  echo "\$ vnet init vnet/debian12"
  "$vnet" init --minimal vnet/debian12
  echo "\$ vnet up"
  time "$vnet" up
  echo "\$ vnet ssh -c 'uname -a; grep PRETTY /etc/os-release'"
  "$vnet" ssh -c 'uname -a; grep PRETTY /etc/os-release'
  echo "\$ vnet status"
  "$vnet" status
  echo "\$ vnet destroy -f"
  "$vnet" destroy -f
}
export -f inner
export vnet box
VNET_NETNS="vnet-demo-$$" bash "$here/run-in-netns.sh" bash -c inner
echo "Demo finished: the VM booted, answered over SSH and was destroyed."
