#!/usr/bin/env bash
# Brings the PublicAPI.*.txt files of the packable projects up to date with their code: every
# public member the public API analyzer reports as undeclared (RS0016) is added to
# PublicAPI.Unshipped.txt, and every declared member that is gone (RS0017) is taken out of
# PublicAPI.Unshipped.txt, or marked *REMOVED* there when it had shipped. Review the diff: it is
# the change of the packages' public API.
#
#   eng/update-public-api.sh                       every project that says IsPackable=true (but templates)
#   eng/update-public-api.sh path/to/project.csproj [...]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [ "$#" -gt 0 ]; then
  projects=("$@")
else
  # A template package (PackageType Template) has no API.
  mapfile -t projects < <(git ls-files '*.csproj' | xargs grep -l '<IsPackable>true</IsPackable>' | xargs grep -L '<PackageType>Template</PackageType>')
fi

# One project's update may wait for another's: a project cannot compile while a library it
# references still fails on its own public API. Such a project is tried again after the others.
update_project() {
  local project="$1"
  local dir unshipped shipped log entry
  dir="$(dirname "$project")"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  shipped="$dir/PublicAPI.Shipped.txt"
  [ -f "$shipped" ] || printf '#nullable enable\n' > "$shipped"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"

  echo "Checking the public API of $project"
  log="$(mktemp)"
  # First its references are brought up to date (this build may fail on the very differences we
  # are after), then the project alone is compiled again in full, so the analyzer reports every
  # difference even when nothing changed since the last build.
  dotnet build "$project" -c Release >/dev/null 2>&1 || true
  dotnet build "$project" -c Release --no-incremental --no-dependencies >"$log" 2>&1 || true

  if grep -q 'error CS0006:' "$log"; then
    echo "  a referenced project did not build yet; trying again later"
    rm -f "$log"
    return 2
  fi

  local -a added removed
  mapfile -t added < <(sed -n "s/.*error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" "$log" | sort -u)
  mapfile -t removed < <(sed -n "s/.*error RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" "$log" | sort -u)

  for entry in "${removed[@]}"; do
    if grep -qxF -- "$entry" "$unshipped"; then
      grep -vxF -- "$entry" "$unshipped" > "$unshipped.tmp" || true
      mv "$unshipped.tmp" "$unshipped"
    else
      printf '*REMOVED*%s\n' "$entry" >> "$unshipped"
    fi
  done
  for entry in "${added[@]}"; do
    printf '%s\n' "$entry" >> "$unshipped"
  done

  # Keep the header first and the entries sorted, so a change shows as a one-line diff.
  { echo '#nullable enable'; grep -vx '#nullable enable' "$unshipped" | LC_ALL=C sort -u; } > "$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  echo "  ${#added[@]} added, ${#removed[@]} removed"

  # Anything else the build reports (another RS00xx rule, a compile error) needs a person.
  if grep -E ' error [A-Z]+[0-9]+:' "$log" | grep -vE 'error RS001[67]:' | sort -u | grep .; then
    echo "  $project has other build errors (above); fix them and run this again." >&2
  fi
  rm -f "$log"
  return 0
}

pending=("${projects[@]}")
for _ in 1 2 3; do
  [ "${#pending[@]}" -gt 0 ] || break
  waiting=()
  for project in "${pending[@]}"; do
    update_project "$project" || waiting+=("$project")
  done
  pending=("${waiting[@]}")
done
if [ "${#pending[@]}" -gt 0 ]; then
  echo "Could not build: ${pending[*]}" >&2
  exit 1
fi
