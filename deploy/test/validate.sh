#!/usr/bin/env bash
# Validates the deployment files: renders every Kubernetes overlay with kubectl kustomize and checks the objects
# against the Kubernetes and Gateway API schemas and the deployment rules (validate.mjs); checks docker-compose.yml
# with docker-compose config -q and the compose gateway routes. Exits non-zero on any failure.
#
#   deploy/test/validate.sh
#
# Needs node and npm; installs kubectl and docker-compose from the Debian archive when they are missing and it runs
# as root (as CI does).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=deploy/test
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf -- '-- %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failed=1; }

apt_install() { # package
  [ "$(id -u)" = 0 ] || return 1
  if ! apt-get install -y -qq --no-install-recommends "$1" >"$work/apt.log" 2>&1; then
    apt-get update -qq >>"$work/apt.log" 2>&1 || true
    apt-get install -y -qq --no-install-recommends "$1" >>"$work/apt.log" 2>&1 || { cat "$work/apt.log"; return 1; }
  fi
}

command -v kubectl >/dev/null 2>&1 || apt_install kubectl || { echo "kubectl is missing and could not be installed"; exit 1; }
command -v node >/dev/null 2>&1 || { echo "node is missing"; exit 1; }
if [ ! -d "$here/node_modules/kubernetes-models" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  step "npm ci ($here)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

step "dev JWT public key: the dev overlay's copy matches platform-runtime's"
cmp -s deploy/k8s/overlays/dev/dev-jwt-public.pem platform-runtime/src/main/resources/dev-keys/jwt-public.pem \
  || fail "deploy/k8s/overlays/dev/dev-jwt-public.pem differs from platform-runtime/src/main/resources/dev-keys/jwt-public.pem"

# The overlays, then deploy/test/overlays: the same overlays with optional components (gateway limits) added.
for overlay in deploy/k8s/overlays/*/ "$here"/overlays/*/; do
  name=$(basename "$overlay")
  step "kubectl kustomize $overlay"
  if kubectl kustomize "$overlay" >"$work/$name.yaml"; then
    node "$here/validate.mjs" k8s "$work/$name.yaml" --overlay "$name" || fail "overlay $name"
  else
    fail "overlay $name does not render"
  fi
done

step "docker-compose.yml"
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose || true
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q && echo "docker-compose config -q: ok" || fail "docker-compose config -q"
else
  fail "docker-compose is missing and could not be installed"
fi
node "$here/validate.mjs" compose docker-compose.yml deploy/gateway/nginx.conf || fail "compose rules"

if [ "$failed" = 0 ]; then echo "deploy: all checks passed"; else echo "deploy: FAILED"; fi
exit "$failed"
