# SPDX-License-Identifier: MIT
"""The docs on pair potentials against the code: docs/extending.md quotes the compiled worked
example as it is, and docs/md.md names every potential md's table offers."""
import re
import subprocess


def test_extending_quotes_the_compiled_example(root):
    doc = (root / "docs" / "extending.md").read_text()
    section = doc[doc.index("## Adding a pair potential"):].split("\n## ", 1)[0]
    # Each quote opens with a comment naming the file it comes from.
    quotes = re.findall(r"```cpp\n// (\S+)\n(.*?)```", section, re.S)
    assert len(quotes) == 3
    for path, code in quotes:
        assert code in (root / path).read_text(), f"docs/extending.md quotes {path} as it no longer is"


def test_md_docs_name_every_potential(simt_bin, root):
    listing = subprocess.run([simt_bin, "solvers", "md"], capture_output=True, text=True, check=True).stdout
    choices = re.search(r"potential\.type\s+one of ([\w, ]+?) \(default", listing).group(1).split(", ")
    assert "lj" in choices and "morse" in choices
    row = next(line for line in (root / "docs" / "md.md").read_text().splitlines()
               if line.startswith("| `potential.type`"))
    assert set(choices) <= set(re.findall(r"`(\w+)`", row))
