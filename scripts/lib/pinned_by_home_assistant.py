"""Print the requirements a file names, at the versions the running Home Assistant pins.

    .../bin/python scripts/lib/pinned_by_home_assistant.py requirements_dev.txt

requirements_dev.txt pins what Home Assistant 2026.10.4 (the test harness's
release) needs to start with its frontend. Another release pins other
versions: this prints each name the file lists with the version that the
Home Assistant installed beside this interpreter pins, from its
package_constraints.txt or else from the manifest of the integration that
needs it. A name that release does not pin is printed without a version.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys

import homeassistant

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _canonical(name: str) -> str:
    """PEP 503 form of a project name, for comparing names."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: Path) -> list[str]:
    """Project names a requirements file lists (not the files it includes)."""
    names = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if not requirement or requirement.startswith("-"):
            continue
        if match := _NAME.match(requirement):
            names.append(match.group(1))
    return names


def _pins(root: Path) -> dict[str, str]:
    """Every `name==version` the Home Assistant at `root` pins, by canonical name."""
    lines = (root / "package_constraints.txt").read_text(encoding="utf-8").splitlines()
    for manifest in sorted((root / "components").glob("*/manifest.json")):
        lines += json.loads(manifest.read_text(encoding="utf-8")).get(
            "requirements", []
        )
    pins: dict[str, str] = {}
    for line in lines:
        requirement = line.split(";", 1)[0].strip()
        name, separator, _ = requirement.partition("==")
        if separator and "[" not in name:
            # package_constraints.txt comes first and wins.
            pins.setdefault(_canonical(name), requirement)
    return pins


def main(argv: list[str]) -> int:
    """Print one requirement a line for the file named in `argv`."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    pins = _pins(Path(homeassistant.__file__).parent)
    for name in _names(Path(argv[0])):
        print(pins.get(_canonical(name), name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
