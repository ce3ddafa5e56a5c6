"""scripts/validate.py: the repository passes, and each kind of mistake is caught."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
import sys
from types import ModuleType
from typing import Any

from PIL import Image
import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPONENT = ROOT / "custom_components" / "qbittorrent_multi"


def _load_validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "validate", ROOT / "scripts" / "validate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["validate"] = module
    spec.loader.exec_module(module)
    return module


validate = _load_validator()


def _json(name: str) -> Any:
    return json.loads((COMPONENT / name).read_text(encoding="utf-8"))


@pytest.fixture
def manifest() -> dict[str, Any]:
    """The integration's manifest, to break."""
    return dict(_json("manifest.json"))


@pytest.fixture
def english() -> dict[str, Any]:
    """translations/en.json, to break."""
    return dict(_json("translations/en.json"))


def test_the_repository_passes_every_check() -> None:
    """Manifest, HACS, brand, texts, actions, icons and quality scale are all right."""
    assert validate.validate() == {}


# -- manifest.json and hacs.json -------------------------------------------------


def test_manifest_keys_out_of_hassfest_order_are_reported(
    manifest: dict[str, Any],
) -> None:
    """domain, name, then the rest sorted."""
    shuffled = {"name": manifest["name"], **manifest}

    problems = validate.check_manifest(shuffled, "qbittorrent_multi")

    assert any("not in hassfest's order" in problem for problem in problems)


def test_a_manifest_without_version_or_with_an_unknown_key_is_reported(
    manifest: dict[str, Any],
) -> None:
    """HACS needs the version; Home Assistant knows every key."""
    del manifest["version"]
    manifest["homepage"] = "https://example.org"

    problems = validate.check_manifest(
        dict(sorted(manifest.items())), "qbittorrent_multi"
    )

    assert "'version' is missing" in problems
    assert "unknown key 'homepage'" in problems


def test_an_unpinned_requirement_is_reported(manifest: dict[str, Any]) -> None:
    """Requirements are pinned with == and mirrored in requirements.txt."""
    manifest["requirements"] = ["aioqbt>=1.0"]

    problems = validate.check_requirements(manifest, "aioqbt==1.1.0\n")

    assert "requirement 'aioqbt>=1.0' is not pinned with ==" in problems


def test_hacs_json_with_an_unknown_key_and_a_future_version_is_reported() -> None:
    """Only HACS's keys, and a minimum version the tests actually run."""
    problems = validate.check_hacs(
        {"name": "x", "homeassistant": "2099.1.0", "domains": ["sensor"]}, ROOT
    )

    assert any(problem.startswith("unknown key 'domains'") for problem in problems)
    assert any("is newer than the Home Assistant" in problem for problem in problems)


# -- brand images ------------------------------------------------------------------


def test_brand_images_of_the_wrong_size_or_without_transparency_are_reported(
    tmp_path: Path,
) -> None:
    """An icon is 256x256 with a transparent background; a 2x image twice that."""
    Image.new("RGBA", (200, 200)).save(tmp_path / "icon.png")
    Image.new("RGB", (512, 512)).save(tmp_path / "icon@2x.png")
    (tmp_path / "banner.png").write_bytes(b"not a png")

    problems = validate.check_brand(tmp_path)

    assert "brand/icon.png: must be 256x256, is 200x200" in problems
    assert "brand/icon@2x.png: needs a transparent background" in problems
    assert "brand/icon@2x.png: must be twice the size of icon.png" in problems
    assert "brand/banner.png: not an image name Home Assistant serves" in problems


# -- texts -----------------------------------------------------------------------


def test_a_translation_with_missing_extra_or_changed_placeholders_is_reported(
    english: dict[str, Any],
) -> None:
    """Another language has exactly English's keys and placeholders."""
    german = copy.deepcopy(english)
    del german["config"]["step"]["user"]["title"]
    german["config"]["step"]["user"]["subtitle"] = "Zusätzlich"
    german["config"]["error"]["banned"] = "Gesperrt für {minutes} Minuten."

    problems = validate.check_language(english, german, "de")

    assert "missing config.step.user.title" in problems
    assert "extra config.step.user.subtitle" in problems
    assert (
        "config.error.banned: placeholders ['minutes'] differ from English "
        "['ban_minutes']" in problems
    )


def test_a_language_home_assistant_does_not_know_is_reported(
    english: dict[str, Any],
) -> None:
    """The file name must be a language code Home Assistant uses."""
    assert validate.check_language(english, english, "german") == [
        "'german' is not a language Home Assistant knows"
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("See https://example.com/help", "must not contain a URL"),
        ("Bold <b>text</b>", "must not contain HTML"),
        ("Called '{name}'", "a placeholder must not be in single quotes"),
        ("Trailing space ", "leading or trailing spaces"),
    ],
)
def test_texts_hassfest_refuses_are_reported(
    english: dict[str, Any], text: str, problem: str
) -> None:
    """URLs, HTML, quoted placeholders and stray spaces are refused."""
    strings = copy.deepcopy(english)
    strings["config"]["step"]["user"]["description"] = text

    problems = validate.check_text_values(strings, source=False)

    assert f"config.step.user.description: {problem}" in " | ".join(problems)


# -- actions, entities and the flow --------------------------------------------------


def test_an_action_missing_from_services_yaml_or_without_icon_is_reported(
    english: dict[str, Any],
) -> None:
    """services.yaml matches what is registered, field by field, with texts and icons."""
    services = {"switch_server": {"fields": {"server": {"selector": {"text": None}}}}}
    registered = {"switch_server": {"server", "extra"}, "new_action": set()}

    problems = validate.check_services(services, registered, english, {})

    assert "action 'new_action' is registered but not in services.yaml" in problems
    assert (
        "switch_server: services.yaml fields ['server'] are not the schema's "
        "['extra', 'server']" in problems
    )
    assert "switch_server: no icon in icons.json" in problems


def test_an_entity_text_no_entity_uses_is_reported(english: dict[str, Any]) -> None:
    """strings.json and icons.json name only translation keys entities use."""
    strings = copy.deepcopy(english)
    strings["entity"]["sensor"]["forgotten"] = {"name": "Forgotten"}
    icons = _json("icons.json")
    icons["entity"]["sensor"]["gone"] = {"default": "mdi:ghost"}

    problems = validate.check_entities(validate.entity_descriptions(), strings, icons)

    assert problems == [
        "strings.json entity.sensor.forgotten: not used by any entity",
        "icons.json entity.sensor.gone: not used by any entity",
    ]


def test_a_flow_error_without_a_text_is_reported(english: dict[str, Any]) -> None:
    """Every error, step and abort reason a flow uses has a text."""
    source = 'raise FormError("brand_new")\nself.async_show_form(step_id="mystery")'

    problems = validate.check_flow_texts({"config_flow.py": source}, english)

    assert "config_flow.py: error 'brand_new' has no text" in problems
    assert "config_flow.py: step 'mystery' has no text" in problems


# -- quality scale ---------------------------------------------------------------------


def test_quality_scale_gaps_and_unexplained_exemptions_are_reported() -> None:
    """Every rule is listed; an exemption says why; the README states the tier."""
    rules: dict[str, Any] = {
        rule: "done" for tier in validate.TIERS for rule in validate.RULES[tier]
    }
    del rules["brands"]
    rules["discovery"] = "exempt"
    evidence = validate.Evidence(
        files=frozenset(),
        code="",
        manifest={},
        platforms={},
        strict_typing=True,
    )

    problems = validate.check_quality_scale({"rules": rules}, evidence, "")

    assert "rule 'brands' is missing" in problems
    assert "discovery: exempt needs a comment that says why" in problems
    assert "diagnostics: marked done, but the repository does not show it" in problems
    assert "the integration does not meet the bronze tier" in problems


def test_the_tier_met_is_the_highest_with_every_rule_done_or_exempt() -> None:
    """One rule left to do caps the tier below its own."""
    rules: dict[str, Any] = {
        rule: "done" for tier in validate.TIERS for rule in validate.RULES[tier]
    }
    assert validate.tier_met(rules) == "platinum"

    rules["diagnostics"] = "todo"

    assert validate.tier_met(rules) == "silver"
