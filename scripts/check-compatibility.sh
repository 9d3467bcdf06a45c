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

# Reports read and judged harmless, each with its reason. A report is accepted only when its whole first line
# matches here; anything else fails the check.
reviewed=(
  # 13.x adds an optional `group` to the link config and deprecates `category` (still accepted); levitate reports
  # the changed type text. The fields we set (targets, title, description, icon, category, configure, onClick)
  # keep their meaning.
  'Changed `AppPlugin.addLink` used in `src/module.tsx:'
)

is_reviewed() {
  local item="$1" r
  for r in "${reviewed[@]}"; do
    [[ "$item" == *"$r"* ]] && return 0
  done
  return 1
}

failed=0
for version in "$lowest" "$newest"; do
  targets="@grafana/data@$version,@grafana/ui@$version,@grafana/runtime@$version"
  for module in "${modules[@]}"; do
    out="$(npx -y "$LEVITATE" is-compatible --path "$module" --target "$targets" 2>&1)" || true
    if grep -q 'appears to be compatible' <<<"$out"; then
      echo "compatible: $module with Grafana $version"
      continue
    fi
    # Every reported incompatibility must be a numbered item we reviewed (an item levitate cannot describe fails).
    total="$(grep -oE 'INCOMPATIBILITIES \([0-9]+\)' <<<"$out" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')"
    mapfile -t items < <(grep -E '^[0-9]+\) ' <<<"$out")
    unreviewed=0
    for item in "${items[@]}"; do
      is_reviewed "$item" || unreviewed=1
    done
    if [ "${total:-0}" -eq "${#items[@]}" ] && [ "$unreviewed" -eq 0 ]; then
      echo "compatible after review: $module with Grafana $version (${items[*]})"
    else
      echo "NOT compatible: $module with Grafana $version"
      grep -v -E 'Installed|Found .* locally|Detecting|Successfully|Resolving|Checking|^\s*$' <<<"$out" || true
      failed=1
    fi
  done
done
exit "$failed"
