"""Build translations/*.json: en.json from strings.json, the rest from i18n/.

strings.json is the source: it may refer to Home Assistant's common strings or
to its own keys with [%key:...%]. Home Assistant reads only translations/*.json
for a custom integration, so en.json is strings.json with every reference
resolved.

i18n/<language>.json maps each English text to its translation, once per text
however often it is used. The torrent card's texts (frontend/strings.json) are
translated from the same tables: its build carries them into the card, and
here they count as used and as to translate. translations/<language>.json is en.json with every
text translated; a text without a translation is left out (Home Assistant
shows the English one) and listed, so that scripts/validate.py reports the
language as incomplete. A changed English text needs a new translation.

`--check` exits 1 when a built file differs from what would be built.
`--missing` prints, per language, the English texts still to translate.
`--prune` also drops translations whose English text is no longer used.
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
I18N = ROOT / "i18n"
CARD_STRINGS = ROOT / "frontend" / "strings.json"
REFERENCE = re.compile(r"\[%key:([a-z0-9_:]+)%\]")


def _home_assistant_strings() -> dict[str, Any]:
    path = Path(homeassistant.__file__).parent / "strings.json"
    strings: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return strings


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

    resolved: dict[str, Any] = resolve(strings)
    return resolved


def texts(node: Any) -> list[str]:
    """Every text below `node`, in file order, each once."""
    if isinstance(node, dict):
        return list(
            dict.fromkeys(text for value in node.values() for text in texts(value))
        )
    return [node]


def card_texts() -> list[str]:
    """The torrent card's English texts, each once."""
    if not CARD_STRINGS.exists():
        return []
    return texts(json.loads(CARD_STRINGS.read_text(encoding="utf-8")))


def translate(node: Any, table: dict[str, str]) -> Any:
    """`node` with each text replaced from `table`; untranslated texts left out."""
    if isinstance(node, dict):
        translated = {key: translate(value, table) for key, value in node.items()}
        return {
            key: value for key, value in translated.items() if value not in (None, {})
        }
    return table.get(node)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    strings = json.loads((COMPONENT / "strings.json").read_text(encoding="utf-8"))
    english = build(strings, _home_assistant_strings())
    built = {"en": _dump(english)}
    missing: dict[str, list[str]] = {}
    used = list(dict.fromkeys([*texts(english), *card_texts()]))
    for path in sorted(I18N.glob("*.json")):
        table = json.loads(path.read_text(encoding="utf-8"))
        built[path.stem] = _dump(translate(english, table))
        missing[path.stem] = [text for text in used if text not in table]
        stale = [text for text in table if text not in used]
        if stale and "--prune" in argv:
            path.write_text(
                _dump({key: value for key, value in table.items() if key not in stale}),
                encoding="utf-8",
            )
        elif stale:
            print(
                f"i18n/{path.name}: {len(stale)} translation(s) of texts no longer used (--prune drops them)"
            )
    if "--missing" in argv:
        print(
            _dump(
                {
                    language: dict.fromkeys(todo, "")
                    for language, todo in missing.items()
                    if todo
                }
            ),
            end="",
        )
        return 0
    target = COMPONENT / "translations"
    if "--check" in argv:
        stale_files = [
            f"translations/{language}.json"
            for language, text in built.items()
            if not (target / f"{language}.json").exists()
            or (target / f"{language}.json").read_text(encoding="utf-8") != text
        ]
        for name in stale_files:
            print(f"{name} is out of date: run scripts/translations.py")
        return 1 if stale_files else 0
    target.mkdir(exist_ok=True)
    for language, text in built.items():
        (target / f"{language}.json").write_text(text, encoding="utf-8")
    for language, todo in missing.items():
        if todo:
            print(
                f"translations/{language}.json: {len(todo)} text(s) to translate (see --missing)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
