"""Build translations/en.json from strings.json, or check that it is current.

strings.json is the source: it may refer to Home Assistant's common strings or
to its own keys with [%key:...%]. Home Assistant reads only translations/*.json
for a custom integration, so en.json is strings.json with every reference
resolved. `--check` exits 1 when en.json differs from what would be built.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys
from typing import Any

import homeassistant

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "qbittorrent_multi"
REFERENCE = re.compile(r"\[%key:([a-z0-9_:]+)%\]")


def _home_assistant_strings() -> dict[str, Any]:
    path = Path(homeassistant.__file__).parent / "strings.json"
    return json.loads(path.read_text(encoding="utf-8"))


def build(strings: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    """Return `strings` with every [%key:...%] reference replaced by its text."""

    def lookup(key: str) -> str:
        parts = key.split("::")
        if parts[0] == "common":
            node: Any = common["common"]
            parts = parts[1:]
        elif parts[:2] == ["component", "qbittorrent_multi"]:
            node = strings
            parts = parts[2:]
        else:
            raise KeyError(f"cannot resolve [%key:{key}%]")
        for part in parts:
            node = node[part]
        return str(resolve(node))

    def resolve(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: resolve(item) for key, item in value.items()}
        if isinstance(value, str):
            return REFERENCE.sub(lambda match: lookup(match.group(1)), value)
        return value

    return resolve(strings)


def main(argv: list[str]) -> int:
    strings = json.loads((COMPONENT / "strings.json").read_text(encoding="utf-8"))
    built = (
        json.dumps(
            build(strings, _home_assistant_strings()), indent=2, ensure_ascii=False
        )
        + "\n"
    )
    target = COMPONENT / "translations" / "en.json"
    if "--check" in argv:
        if not target.exists() or target.read_text(encoding="utf-8") != built:
            print("translations/en.json is out of date: run scripts/translations.py")
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(built, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
