#!/usr/bin/env bash
# Validates the deployment files without running anything:
#   - docker-compose.yml, with and without the "eventstoredb" profile, through `docker compose config -q`
#     (Compose v2 plugin) or else `docker-compose config -q` (v1, e.g. Debian's docker-compose 1.29);
#   - deploy/k8s/*.yaml parse as YAML (the `yaml` npm package from node_modules, else python3's `yaml`),
#     every document has apiVersion and kind, and kustomization.yaml lists only files that exist;
#   - `kubectl kustomize deploy/k8s` renders, when kubectl is installed (client side, no cluster needed).
# Installs nothing: a missing tool is reported by name and the script fails.
# Usage: scripts/validate-deploy.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSE_FILE="$ROOT/docker-compose.yml"
K8S_DIR="$ROOT/deploy/k8s"

log() { echo "validate-deploy: $*"; }
die() { echo "validate-deploy: FAILED: $*" >&2; exit 1; }

# ---- docker-compose.yml ----
[[ -f "$COMPOSE_FILE" ]] || die "$COMPOSE_FILE not found"

compose=()
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  die "no Compose CLI: neither 'docker compose' (the Docker Compose v2 plugin) nor 'docker-compose' (v1) is installed"
fi
log "compose CLI: ${compose[*]} ($("${compose[@]}" version --short 2>/dev/null || echo 'version unknown'))"

# The Compose Specification has no top-level version key.
if grep -qE '^version:' "$COMPOSE_FILE"; then
  die "docker-compose.yml has a top-level 'version:' key; the Compose Specification drops it"
fi

log "${compose[*]} -f docker-compose.yml config -q"
"${compose[@]}" -f "$COMPOSE_FILE" config -q || die "docker-compose.yml is invalid (default profile)"

log "${compose[*]} -f docker-compose.yml --profile eventstoredb config -q"
"${compose[@]}" -f "$COMPOSE_FILE" --profile eventstoredb config -q || die "docker-compose.yml is invalid (profile eventstoredb)"

services="$("${compose[@]}" -f "$COMPOSE_FILE" --profile eventstoredb config --services)" \
  || die "could not list the services of docker-compose.yml"
for service in kafka postgres production gateway eventstoredb; do
  grep -qx "$service" <<<"$services" || die "docker-compose.yml has no service '$service'"
done

# ---- deploy/k8s ----
[[ -d "$K8S_DIR" ]] || die "$K8S_DIR not found"
shopt -s nullglob
k8s_files=("$K8S_DIR"/*.yaml "$K8S_DIR"/*.yml)
shopt -u nullglob
((${#k8s_files[@]} > 0)) || die "no YAML files in $K8S_DIR"

# Both checkers: exit 1 and print "file: problem" lines on any failure.
NODE_CHECK="$(cat <<'EOF'
const fs = require('fs');
const path = require('path');
const YAML = require(process.env.YAML_MODULE);
let failed = false;
const fail = (file, msg) => { failed = true; console.error(file + ': ' + msg); };
for (const file of process.argv.slice(1)) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  docs.forEach((doc, i) => {
    for (const error of doc.errors) fail(file, 'document ' + (i + 1) + ': ' + error.message);
    if (doc.errors.length > 0) return;
    const value = doc.toJSON();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) return fail(file, 'document ' + (i + 1) + ' is not a mapping');
    if (!value.apiVersion || !value.kind) fail(file, 'document ' + (i + 1) + ' has no apiVersion or kind');
    if (value.kind === 'Kustomization') {
      for (const resource of value.resources || []) {
        if (!fs.existsSync(path.join(path.dirname(file), resource))) fail(file, 'resource ' + resource + ' does not exist');
      }
    }
  });
}
process.exit(failed ? 1 : 0);
EOF
)"

PYTHON_CHECK="$(cat <<'EOF'
import os, sys, yaml
failed = False
def fail(file, msg):
    global failed
    failed = True
    print(file + ': ' + msg, file=sys.stderr)
for file in sys.argv[1:]:
    try:
        with open(file, encoding='utf-8') as handle:
            docs = list(yaml.safe_load_all(handle))
    except yaml.YAMLError as error:
        fail(file, str(error))
        continue
    for i, value in enumerate(docs, 1):
        if value is None:
            continue
        if not isinstance(value, dict):
            fail(file, 'document %d is not a mapping' % i)
            continue
        if not value.get('apiVersion') or not value.get('kind'):
            fail(file, 'document %d has no apiVersion or kind' % i)
        if value.get('kind') == 'Kustomization':
            for resource in value.get('resources') or []:
                if not os.path.exists(os.path.join(os.path.dirname(file), resource)):
                    fail(file, 'resource %s does not exist' % resource)
sys.exit(1 if failed else 0)
EOF
)"

if [[ -d "$ROOT/node_modules/yaml" ]] && command -v node >/dev/null 2>&1; then
  log "parsing ${#k8s_files[@]} file(s) in deploy/k8s with node + node_modules/yaml"
  YAML_MODULE="$ROOT/node_modules/yaml" node -e "$NODE_CHECK" "${k8s_files[@]}" || die "deploy/k8s YAML is invalid (see above)"
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
  log "parsing ${#k8s_files[@]} file(s) in deploy/k8s with python3 + yaml (PyYAML)"
  python3 -c "$PYTHON_CHECK" "${k8s_files[@]}" || die "deploy/k8s YAML is invalid (see above)"
else
  die "no YAML parser: need node with node_modules/yaml (npm ci), or python3 with the yaml module (PyYAML)"
fi

if command -v kubectl >/dev/null 2>&1; then
  log "kubectl kustomize deploy/k8s"
  kubectl kustomize "$K8S_DIR" >/dev/null || die "kubectl kustomize deploy/k8s failed"
else
  log "kubectl not installed: skipping the kustomize render (optional)"
fi

log "OK"
