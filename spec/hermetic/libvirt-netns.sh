#!/bin/bash
# Hermetic libvirt for tests: a libvirtd (and virtlogd) that live inside a
# network namespace of their own, so libvirt's bridges, dnsmasq and every guest
# exist only there. The namespace has no uplink: guests cannot reach anything
# outside it. libvirt's API socket is a file, so virsh/API calls work from
# anywhere; SSH/rsync to guests must run inside (`exec`).
#
# Usage:
#   libvirt-netns.sh start NAME      create netns NAME, start virtlogd+libvirtd in it,
#                                    ensure the `default` dir storage pool
#   libvirt-netns.sh exec NAME CMD…  run CMD inside the namespace
#   libvirt-netns.sh status NAME     exit 0 if our libvirtd for NAME is running
#   libvirt-netns.sh stop NAME       remove all domains and networks, kill our
#                                    daemons, delete the namespace (idempotent)
#
# Env:
#   VNET_TEST_PREFIX  on stop, also delete storage volumes whose names start
#                     with this prefix (nothing else is deleted from pools)
#   VNET_HERMETIC_TIMEOUT  seconds to wait for libvirtd (default 30)
#
# State (pid files, logs) lives in /run/vnet-hermetic/NAME/. Only one libvirtd
# can run on a machine: `start` refuses if a libvirtd it did not start runs.
set -euo pipefail

STATE_ROOT=/run/vnet-hermetic
URI=qemu:///system
POOL_DIR=/var/lib/libvirt/images

log() { echo "libvirt-netns: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

valid_name() {
    [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$ ]] || die "bad namespace name: '$1'"
}

virsh_() { virsh -q -c "$URI" "$@"; }

# pid from a pid file, if that process is alive and runs the given program.
live_pid() {
    local file=$1 comm=$2 pid
    [[ -s "$file" ]] || return 1
    pid=$(tr -dc '0-9' <"$file")
    [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] || return 1
    echo "$pid"
}

netns_exists() { [[ -e "/run/netns/$1" ]]; }

# Inode of the namespace NAME (to recognise processes living in it).
netns_id() { stat -L -c %i "/run/netns/$1" 2>/dev/null; }

# PIDs whose network namespace is NAME and whose comm matches the regex.
pids_in_netns() {
    local name=$1 re=$2 id p
    id=$(netns_id "$name") || return 0
    for p in /proc/[0-9]*; do
        [[ "$(stat -L -c %i "$p/ns/net" 2>/dev/null)" == "$id" ]] || continue
        [[ "$(cat "$p/comm" 2>/dev/null)" =~ $re ]] || continue
        echo "${p#/proc/}"
    done
}

# SIGTERM, wait up to $2 seconds, then SIGKILL.
kill_wait() {
    local pid=$1 secs=${2:-10} i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < secs * 10; i++)); do
        [[ -d "/proc/$pid" ]] || return 0
        sleep 0.1
    done
    log "pid $pid ignored SIGTERM; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}

# PIDs (any namespace) whose comm matches the regex. (pgrep cannot take an
# alternation longer than 15 characters.)
pids_by_comm() {
    local re=$1 p c
    for p in /proc/[0-9]*; do
        c=$(cat "$p/comm" 2>/dev/null) || continue
        [[ "$c" =~ $re ]] && echo "${p#/proc/}"
    done
    return 0
}

foreign_daemons() {
    # libvirt daemons running on this machine that are not ours ($1 = our pid or "").
    local ours=${1:-} p
    for p in $(pids_by_comm '^(libvirtd|virtqemud|virtnetworkd|virtstoraged|virtproxyd)$'); do
        [[ "$p" == "$ours" ]] && continue
        echo "$p ($(cat "/proc/$p/comm" 2>/dev/null))"
    done
}

pool_running() {
    # (Not `virsh | grep -q`: grep exiting early makes virsh fail with SIGPIPE.)
    local info
    info=$(virsh_ pool-info default 2>/dev/null) || return 1
    grep -Eq '^State:[[:space:]]+running' <<<"$info"
}

cmd_start() {
    local name=$1 state="$STATE_ROOT/$1" pid foreign timeout=${VNET_HERMETIC_TIMEOUT:-30} i
    if pid=$(live_pid "$state/libvirtd.pid" libvirtd) && netns_exists "$name"; then
        log "already running (libvirtd pid $pid in netns $name)"
        return 0
    fi
    foreign=$(foreign_daemons "")
    if [[ -n "$foreign" ]]; then
        die "a libvirt daemon not started by this harness is running: $(echo $foreign)." \
            "Only one libvirtd can run per machine; stop it first."
    fi
    # Leftovers of an earlier, failed run under this name.
    if [[ -d "$state" ]] || netns_exists "$name"; then
        log "cleaning up an earlier run named $name"
        cmd_stop "$name"
    fi

    mkdir -p "$state"
    echo "$name" >"$state/name"
    trap 'rc=$?; if [[ $rc -ne 0 ]]; then log "start failed; cleaning up"; cmd_stop "$name" || true; fi' EXIT

    ip netns add "$name"
    ip netns exec "$name" ip link set lo up

    # virtlogd: if one already runs (it has no network role), use it, but
    # don't claim it: stop will only kill what is in our pid file.
    pid=$(pids_by_comm '^virtlogd$' | head -n1)
    if [[ -n "$pid" ]]; then
        log "reusing running virtlogd (pid $pid); it will not be stopped"
    else
        LIBVIRT_LOG_OUTPUTS="3:file:$state/virtlogd.log" \
            ip netns exec "$name" virtlogd -d -p "$state/virtlogd.pid"
        for ((i = 0; i < 50; i++)); do
            live_pid "$state/virtlogd.pid" virtlogd >/dev/null && break
            sleep 0.1
        done
        live_pid "$state/virtlogd.pid" virtlogd >/dev/null || die "virtlogd did not start"
    fi

    LIBVIRT_LOG_OUTPUTS="3:file:$state/libvirtd.log" \
        ip netns exec "$name" libvirtd -d -p "$state/libvirtd.pid"
    for ((i = 0; i < timeout * 2; i++)); do
        if live_pid "$state/libvirtd.pid" libvirtd >/dev/null &&
            timeout 5 virsh -c "$URI" version >/dev/null 2>&1; then
            break
        fi
        sleep 0.5
    done
    pid=$(live_pid "$state/libvirtd.pid" libvirtd) ||
        die "libvirtd did not start (see $state/libvirtd.log)"
    timeout 5 virsh -c "$URI" version >/dev/null 2>&1 ||
        die "libvirtd (pid $pid) does not answer after ${timeout}s (see $state/libvirtd.log)"

    # The default storage pool (a dir pool) that vagrant-libvirt expects.
    if ! virsh_ pool-info default >/dev/null 2>&1; then
        mkdir -p "$POOL_DIR"
        virsh_ pool-define-as default dir --target "$POOL_DIR" >/dev/null
        virsh_ pool-build default >/dev/null 2>&1 || true
    fi
    # (libvirtd may still be autostarting it, so a failed pool-start is only
    # an error if the pool then is not running.)
    for ((i = 0; i < 20; i++)); do
        pool_running && break
        virsh_ pool-start default >/dev/null 2>&1 || sleep 0.5
    done
    pool_running || die "storage pool default does not start"
    virsh_ pool-autostart default >/dev/null
    # Networks defined before this run belong to the host's configuration: stop keeps their definitions.
    virsh_ net-list --all --name | sed '/^$/d' >"$state/networks-before" || true
    trap - EXIT
    log "libvirtd pid $pid running in netns $name"
}

cmd_stop() {
    local name=$1 state="$STATE_ROOT/$1" pid x vol pool
    pid=$(live_pid "$state/libvirtd.pid" libvirtd || true)

    if [[ -n "$pid" ]] && timeout 10 virsh -c "$URI" version >/dev/null 2>&1; then
        for x in $(virsh_ list --all --name); do
            virsh_ destroy "$x" >/dev/null 2>&1 || true
            virsh_ undefine --managed-save --snapshots-metadata --nvram "$x" >/dev/null 2>&1 ||
                virsh_ undefine "$x" >/dev/null 2>&1 ||
                log "could not undefine domain $x"
        done
        for x in $(virsh_ net-list --all --name); do
            virsh_ net-destroy "$x" >/dev/null 2>&1 || true
            if [[ -f "$state/networks-before" ]] && grep -qx -- "$x" "$state/networks-before"; then
                continue
            fi
            virsh_ net-undefine "$x" >/dev/null 2>&1 || log "could not undefine network $x"
        done
        if [[ -n "${VNET_TEST_PREFIX:-}" ]]; then
            for pool in $(virsh_ pool-list --name); do
                virsh_ pool-refresh "$pool" >/dev/null 2>&1 || true
                while read -r vol _; do
                    [[ -n "$vol" && "$vol" == "$VNET_TEST_PREFIX"* ]] || continue
                    virsh_ vol-delete --pool "$pool" "$vol" >/dev/null ||
                        log "could not delete volume $pool/$vol"
                done < <(virsh_ vol-list "$pool" 2>/dev/null)
            done
        fi
    fi

    # dnsmasq started by our libvirtd: pid files libvirt writes, checked to be
    # dnsmasq and to live in our namespace.
    if netns_exists "$name"; then
        local id; id=$(netns_id "$name")
        for x in /run/libvirt/network/*.pid /var/lib/libvirt/dnsmasq/*.pid; do
            [[ -f "$x" ]] || continue
            pid=$(live_pid "$x" dnsmasq) || continue
            [[ "$(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null)" == "$id" ]] || continue
            kill_wait "$pid" 5
        done
    fi

    if pid=$(live_pid "$state/libvirtd.pid" libvirtd); then kill_wait "$pid" 15; fi

    # Anything libvirt left behind in our namespace (guests, dnsmasq).
    if netns_exists "$name"; then
        for pid in $(pids_in_netns "$name" '^(qemu-system-.*|dnsmasq|ganesha\.nfsd)$'); do
            log "killing leftover $(cat "/proc/$pid/comm" 2>/dev/null) pid $pid"
            kill_wait "$pid" 5
        done
    fi

    if pid=$(live_pid "$state/virtlogd.pid" virtlogd); then kill_wait "$pid" 5; fi

    if netns_exists "$name"; then
        ip netns del "$name" || log "could not delete netns $name"
    fi
    rm -rf "$state"
}

cmd_status() {
    local name=$1 pid
    pid=$(live_pid "$STATE_ROOT/$name/libvirtd.pid" libvirtd) && netns_exists "$name" || {
        echo "stopped"
        return 1
    }
    echo "running (libvirtd pid $pid, netns $name)"
}

[[ $# -ge 2 ]] || usage
cmd=$1 name=$2
shift 2
valid_name "$name"
[[ $EUID -eq 0 ]] || die "must run as root"

case "$cmd" in
    start) cmd_start "$name" ;;
    stop) cmd_stop "$name" ;;
    status) cmd_status "$name" ;;
    exec)
        [[ $# -ge 1 ]] || usage
        netns_exists "$name" || die "no network namespace $name (start it first)"
        exec ip netns exec "$name" "$@"
        ;;
    *) usage ;;
esac
