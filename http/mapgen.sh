#!/bin/sh
# mapgen.sh makes assets/gen/countries.json, the overview map's country
# shapes, from the npm package world-atlas (Natural Earth 1:110m, ISC) at the
# version pinned in package.json. "go generate ./http" runs it; it needs npm
# and go. npm checks the tarball's integrity against the registry.
set -eu
cd "$(dirname "$0")"
version=$(sed -n 's/.*"world-atlas": *"\([^"]*\)".*/\1/p' package.json)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack --silent --pack-destination "$tmp" "world-atlas@$version" >/dev/null
tar -xzf "$tmp/world-atlas-$version.tgz" -C "$tmp" package/countries-110m.json
go run ./internal/mapgen -in "$tmp/package/countries-110m.json" -out assets/gen/countries.json
