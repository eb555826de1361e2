#!/usr/bin/env bash
# Builds gaoxin's release binaries: static, without cgo (the embedded
# database is SQLite translated to Go), for the servers offices run it on:
# linux/amd64, linux/arm64 (鲲鹏, 飞腾), linux/loong64 (龙芯) and
# windows/amd64. Usage: scripts/release.sh [VERSION] — the version defaults
# to the latest tag or "dev"; the binaries land in dist/ with a SHA256SUMS.
set -euo pipefail

cd "$(dirname "$0")/.."
version=${1:-$(git describe --tags --always 2>/dev/null || echo dev)}
targets=(linux/amd64 linux/arm64 linux/loong64 windows/amd64)
# The commit goes into the binary (gaoxin version) when this is a git
# checkout; a source archive builds without it.
vcs=-buildvcs=false
git rev-parse --git-dir >/dev/null 2>&1 && vcs=-buildvcs=true

rm -rf dist
mkdir -p dist
for target in "${targets[@]}"; do
	os=${target%/*}
	arch=${target#*/}
	out="dist/gaoxin-${version}-${os}-${arch}"
	[ "$os" = windows ] && out="${out}.exe"
	echo "building ${out}"
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath "$vcs" \
		-ldflags "-s -w -X gaoxin/internal/cli.version=${version}" -o "$out" ./cmd/gaoxin
done
(cd dist && sha256sum gaoxin-* > SHA256SUMS)
ls -l dist
