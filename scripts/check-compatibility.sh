#!/usr/bin/env bash
# Grafana's own compatibility check (@grafana/levitate is-compatible, what Grafana's plugin CI runs) for each of
# the plugin's modules, against the lowest Grafana we support (grafanaDependency in plugin.json) and the newest
# release on npm. Fails on any report: mend it, or narrow the API we use, before claiming a version.
set -euo pipefail
cd "$(dirname "$0")/.."

LEVITATE="@grafana/levitate@0.17.2"
lowest="$(node -p "require('./src/plugin.json').dependencies.grafanaDependency.replace(/^>=\s*/, '')")"
newest="$(npm view @grafana/runtime version)"
modules=(src/module.tsx src/datasource/module.ts src/panels/recommendations/module.ts)

failed=0
for version in "$lowest" "$newest"; do
  targets="@grafana/data@$version,@grafana/ui@$version,@grafana/runtime@$version"
  for module in "${modules[@]}"; do
    out="$(npx -y "$LEVITATE" is-compatible --path "$module" --target "$targets" 2>&1)" || true
    if grep -q 'appears to be compatible' <<<"$out"; then
      echo "compatible: $module with Grafana $version"
    else
      echo "NOT compatible: $module with Grafana $version"
      grep -v -E 'Installed|Found .* locally|Detecting|Successfully|Resolving|Checking|^\s*$' <<<"$out" || true
      failed=1
    fi
  done
done
exit "$failed"
