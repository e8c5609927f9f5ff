#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the formatting (.clang-format) of the C++ lines changed since BASE, in commits and in
# the working tree; prints clang-format's diff and fails when some changed line is not formatted.
# Only changed lines: the tree as a whole predates the .clang-format and is not reformatted.
# Without BASE: the merge base with origin/main, else HEAD~1 (a clone without a remote), else
# nothing to compare with (a single commit), which passes with a note.
#
#   scripts/check-format.sh [BASE]      exit 0: formatted; 1: not (the diff is printed); 2: no
#                                        clang-format 19, or BASE names no commit
#
# clang-format 19 (scripts/install-deps.sh --test): the first with `Macros`, which lets it read
# SIMT_LAMBDA(...) as the lambda it is; other versions also lay out some lines differently.
set -euo pipefail
cd "$(dirname "$0")/.."
version=19
for tool in clang-format-$version git-clang-format-$version; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-format: $tool not found; scripts/install-deps.sh --test installs it" >&2
    exit 2
  fi
done

base=${1:-}
if [ -z "$base" ]; then
  if git rev-parse -q --verify origin/main >/dev/null; then
    base=$(git merge-base HEAD origin/main)
  elif git rev-parse -q --verify HEAD~1 >/dev/null; then
    base=HEAD~1
  else
    echo "check-format: no origin/main and no parent commit: nothing to compare with"
    exit 0
  fi
fi

if ! git rev-parse -q --verify "$base^{commit}" >/dev/null; then
  echo "check-format: '$base' names no commit" >&2
  exit 2
fi

if out=$(git-clang-format-$version --binary "$(command -v clang-format-$version)" --diff --quiet "$base" 2>&1); then
  echo "check-format: the C++ lines changed since $(git rev-parse --short "$base") are formatted"
  exit 0
fi
printf '%s\n' "$out"
echo "check-format: the changed lines above are not formatted as .clang-format says;" \
     "git-clang-format-$version $base formats them in the working tree" >&2
exit 1
