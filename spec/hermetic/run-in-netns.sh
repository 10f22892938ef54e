#!/usr/bin/env bash
# Runs a command inside a fresh hermetic libvirt namespace and always tears it down afterwards.
# Usage: run-in-netns.sh CMD [ARGS...]   (the namespace name is in $VNET_NETNS inside)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="${VNET_NETNS:-vnet-test-$$}"
export VNET_NETNS="$name"
# `ip netns exec` gives the command a fresh /sys, without the host's cgroup mounts that container runtimes need:
# a test that starts containers re-enters the host's mounts through this (the network namespace stays the test's).
export VNET_HOST_MOUNTS="/proc/$$/ns/mnt"
cleanup() { bash "$here/libvirt-netns.sh" stop "$name" >&2 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
bash "$here/libvirt-netns.sh" start "$name" >&2 || exit 1
bash "$here/libvirt-netns.sh" exec "$name" "$@"
