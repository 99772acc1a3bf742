#!/usr/bin/env bash
# Validates every GitHub Actions workflow against the Actions schema (unknown keys, missing
# runs-on, needs naming no job, ...) with action-validator, pinned in scripts/workflow-lint.
set -euo pipefail
cd "$(dirname "$0")/.."
lint=scripts/workflow-lint
if [ ! -x "$lint/node_modules/.bin/action-validator" ] || [ "$lint/package-lock.json" -nt "$lint/node_modules" ]; then
  npm ci --prefix "$lint" --no-audit --no-fund --loglevel=error >/dev/null
  touch "$lint/node_modules"
fi
status=0
for workflow in .github/workflows/*.yml; do
  if "$lint/node_modules/.bin/action-validator" "$workflow"; then
    echo "workflow-lint: $workflow ok"
  else
    echo "workflow-lint: $workflow is not a valid workflow" >&2
    status=1
  fi
done
exit $status
