#!/bin/bash
# Prints the Debian mirror apt is configured with, for the box builds in boxes/*/build.sh:
# the first URI of the first deb source that carries the plain SUITE (deb822 .sources
# first, then one-line .list files); http://deb.debian.org/debian when none does.
#
# Usage: boxes/apt-mirror.sh SUITE
set -euo pipefail
suite=$1

find_mirror() {
    local f uri=""
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$f" ]] || continue
        uri=$(awk -v suite="$suite" '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") {
                    split(uris, u, " "); print u[1]; found = 1; exit
                }
                types = ""; suites = ""; uris = ""
            }
            /^[ \t]*$/ { flush(); next }
            /^[ \t]*#/ { next }
            tolower($1) == "types:"  { $1 = ""; types = $0 }
            tolower($1) == "suites:" { $1 = ""; suites = $0 }
            tolower($1) == "uris:"   { $1 = ""; uris = $0 }
            END { if (!found) flush() }
        ' "$f")
        uri=${uri# }
        [[ -n "$uri" ]] && break
    done
    if [[ -z "$uri" ]]; then
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [[ -f "$f" ]] || continue
            uri=$(awk -v suite="$suite" '
                $1 == "deb" {
                    i = 2
                    if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                    if ($(i + 1) == suite) { print $i; exit }
                }' "$f")
            [[ -n "$uri" ]] && break
        done
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

mirror=$(find_mirror)
echo "${mirror%/}"
