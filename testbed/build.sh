#!/usr/bin/env bash
# Builds the local cluster's programs from the Go module proxy, once per version.
#
# Each program is built with plain `go build` inside a small module of ours (testbed/modules/*)
# and cached outside the repository in $SLIPWAY_CACHE/bin/<name>-<version>/, so a second run
# finds them at once. A build writes into a temporary folder and renames it into place, so an
# interrupted build never leaves a half-filled cache entry behind.
#
# Usage: testbed/build.sh [kubernetes|etcd|kwok|helm|gotemplate|gitea ...]   (default: all but gitea)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SLIPWAY_CACHE:-$HOME/.cache/slipway}"
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0

version_of() { # the version our module requires of its upstream module
  awk -v m="$2" '$1 == "require" && $2 == m { print $3 } $1 == m && NF == 2 { print $2 }' \
    "$here/modules/$1/go.mod" | head -1
}

build() { # name upstream-module packages...
  local name="$1" module="$2"; shift 2
  local version; version="${VERSION:-$(version_of "$name" "$module")}"
  local dest="$cache/bin/$name-$version"
  if [[ -f "$dest/.complete" ]]; then echo "testbed: $name $version cached in $dest"; return; fi
  local started=$SECONDS tmp="$dest.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  echo "testbed: building $name $version (first run only; this takes a while)"
  (cd "$here/modules/$name" && go build -trimpath -tags "${TAGS:-}" -ldflags "-s -w ${LDFLAGS:-}" -o "$tmp/" "$@")
  # A main package at a module root is named after the module's last element: rename it.
  if [[ -n "${RENAME:-}" ]]; then mv "$tmp/${RENAME%%:*}" "$tmp/${RENAME##*:}"; fi
  if [[ -n "${POST:-}" ]]; then "$POST" "$tmp" "$version"; fi
  touch "$tmp/.complete"
  rm -rf "$dest"; mv "$tmp" "$dest"
  echo "testbed: built $name $version in $((SECONDS - started))s"
}

build_kubernetes() {
  local v; v="$(version_of kubernetes k8s.io/kubernetes)"
  local major minor; major="$(cut -d. -f1 <<<"${v#v}")"; minor="$(cut -d. -f2 <<<"$v")"
  local x=""
  # Without these stamps the binaries report v0.0.0 and fail version-skew checks.
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    x+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    x+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  TAGS="selinux,notest,grpcnotrace" LDFLAGS="$x" build kubernetes k8s.io/kubernetes \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
}
build_etcd() { RENAME="server:etcd" build etcd go.etcd.io/etcd/server/v3 go.etcd.io/etcd/server/v3; }
build_kwok() { build kwok sigs.k8s.io/kwok sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl; }
build_helm() { build helm helm.sh/helm/v4 helm.sh/helm/v4/cmd/helm; }
# The Git server template publishing is tested against (its REST API). Not in the default set:
# only the tests that publish need it. Without cgo there is no SQLite: it runs on PostgreSQL.
# Built without `bindata`, Gitea reads its templates and options from disk: they are copied
# from the module beside the program (its STATIC_ROOT_PATH).
gitea_assets() {
  local src; src="$(cd "$here/modules/gitea" && go list -m -f '{{.Dir}}' code.gitea.io/gitea)"
  cp -r "$src/templates" "$src/options" "$src/public" "$1/"
  chmod -R u+w "$1"
}
build_gitea() {
  LDFLAGS="-X main.Version=$(version_of gitea code.gitea.io/gitea | sed 's/^v//')" POST=gitea_assets \
    build gitea code.gitea.io/gitea code.gitea.io/gitea
}
# Our own program (score-k8s template provisioners): its version is sprig's plus a hash of its
# sources, so a change to main.go builds a new cache entry instead of reusing a stale one.
build_gotemplate() {
  local dir="$here/modules/gotemplate" sum
  sum="$(cat "$dir"/*.go "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-12)"
  VERSION="$(version_of gotemplate github.com/Masterminds/sprig/v3)-$sum" \
    build gotemplate github.com/Masterminds/sprig/v3 .
}

for what in "${@:-kubernetes etcd kwok helm gotemplate}"; do
  for w in $what; do "build_$w"; done
done
