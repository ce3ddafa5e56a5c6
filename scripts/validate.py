"""Check the integration the way hassfest and the HACS action would.

Neither tool is installable here, so the checks are written out: manifest.json
and hacs.json, the brand images, strings.json and every translation, services.yaml
against the actions the integration registers, icons.json against the entities
and actions, the config flow's texts, and quality_scale.yaml. Exits 1 and lists
every problem, one a line, when anything is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
import importlib
import importlib.metadata
import json
from pathlib import Path
import re
import string
import struct
import sys
import tomllib
from types import SimpleNamespace
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionException
import homeassistant
from homeassistant.const import Platform, __version__ as ha_version
from homeassistant.generated.languages import LANGUAGES
from homeassistant.helpers import selector
from homeassistant.loader import Manifest
from homeassistant.util.yaml import load_yaml_dict
import probatio as vol

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "qbittorrent_multi"
PACKAGE = f"custom_components.{DOMAIN}"

type Problems = list[str]

# -- manifest.json -------------------------------------------------------------

IOT_CLASSES = frozenset(
    {
        "assumed_state",
        "calculated",
        "cloud_polling",
        "cloud_push",
        "local_polling",
        "local_push",
    }
)
INTEGRATION_TYPES = frozenset(
    {"device", "entity", "hardware", "helper", "hub", "service", "system", "virtual"}
)
# What a custom integration's manifest must have (HACS needs the version and
# the links; Home Assistant the rest).
REQUIRED_MANIFEST_KEYS = (
    "domain",
    "name",
    "codeowners",
    "config_flow",
    "documentation",
    "integration_type",
    "iot_class",
    "issue_tracker",
    "requirements",
    "version",
)
DISCOVERY_KEYS = ("bluetooth", "dhcp", "homekit", "mqtt", "ssdp", "usb", "zeroconf")
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]+\])?==(?P<version>\S+)$"
)


def _valid_version(text: Any) -> bool:
    try:
        return bool(isinstance(text, str) and AwesomeVersion(text).valid)
    except AwesomeVersionException:
        return False


def _https_url(value: Any) -> bool:
    return (
        isinstance(value, str)
        and re.fullmatch(r"https://[^\s/]+\.[^\s/]+\S*", value) is not None
    )


def check_manifest(manifest: Mapping[str, Any], directory: str) -> Problems:
    """Keys, key order and values of manifest.json, as hassfest checks them."""
    problems: Problems = []
    keys = list(manifest)
    expected_order = [
        "domain",
        "name",
        *sorted(k for k in keys if k not in ("domain", "name")),
    ]
    if keys != expected_order:
        problems.append(
            "keys are not in hassfest's order (domain, name, then sorted): "
            f"expected {', '.join(expected_order)}"
        )
    allowed = set(Manifest.__annotations__)
    problems += [f"unknown key {key!r}" for key in keys if key not in allowed]
    problems += [
        f"{key!r} is missing" for key in REQUIRED_MANIFEST_KEYS if key not in manifest
    ]
    if manifest.get("domain") != directory:
        problems.append(
            f"domain {manifest.get('domain')!r} is not the folder name {directory!r}"
        )
    if not isinstance(manifest.get("name"), str) or not manifest.get("name"):
        problems.append("name must be a non-empty string")
    if "version" in manifest and not _valid_version(manifest["version"]):
        problems.append(f"version {manifest['version']!r} is not a valid version")
    for key in ("documentation", "issue_tracker"):
        if key in manifest and not _https_url(manifest[key]):
            problems.append(f"{key} must be an https:// URL")
    owners = manifest.get("codeowners")
    if (
        not isinstance(owners, list)
        or not owners
        or not all(
            isinstance(owner, str) and re.fullmatch(r"@[\w./-]+", owner)
            for owner in owners
        )
    ):
        problems.append("codeowners must be a non-empty list of @names")
    if "iot_class" in manifest and manifest["iot_class"] not in IOT_CLASSES:
        problems.append(
            f"iot_class {manifest['iot_class']!r} is not one of {sorted(IOT_CLASSES)}"
        )
    if (
        "integration_type" in manifest
        and manifest["integration_type"] not in INTEGRATION_TYPES
    ):
        problems.append(
            f"integration_type {manifest['integration_type']!r} is not one of {sorted(INTEGRATION_TYPES)}"
        )
    for key in ("dependencies", "after_dependencies", "loggers", "requirements"):
        value = manifest.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item for item in value
        ):
            problems.append(f"{key} must be a list of non-empty strings")
    components = Path(homeassistant.__file__).parent / "components"
    for key in ("dependencies", "after_dependencies"):
        problems += [
            f"{key}: {name!r} is not a Home Assistant integration"
            for name in manifest.get(key, [])
            if not (components / str(name)).is_dir()
        ]
    if (components / directory).exists():
        problems.append(
            f"the domain {directory!r} collides with a built-in integration"
        )
    if manifest.get("single_config_entry"):
        problems.append("single_config_entry is set, but every server is its own entry")
    return problems


def check_requirements(manifest: Mapping[str, Any], requirements_txt: str) -> Problems:
    """Requirements are pinned with ==, installed at that version, and mirrored."""
    problems: Problems = []
    pinned_in_file = {
        line.split("#")[0].strip()
        for line in requirements_txt.splitlines()
        if line.split("#")[0].strip() and not line.startswith("-")
    }
    for requirement in manifest.get("requirements", []):
        match = PIN.match(str(requirement))
        if match is None:
            problems.append(f"requirement {requirement!r} is not pinned with ==")
            continue
        try:
            installed = importlib.metadata.version(match["name"])
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"requirement {requirement!r} is not installed in the venv")
        else:
            if installed != match["version"]:
                problems.append(
                    f"requirement {requirement!r}: version {installed} is installed, so it is "
                    "not what the tests run against"
                )
        if requirement not in pinned_in_file:
            problems.append(f"requirement {requirement!r} is not in requirements.txt")
    return problems


# -- hacs.json -----------------------------------------------------------------

HACS_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "content_in_root": bool,
    "country": (str, list),
    "filename": str,
    "hacs": str,
    "hide_default_branch": bool,
    "homeassistant": str,
    "persistent_directory": str,
    "render_readme": bool,
    "zip_release": bool,
}


def check_hacs(hacs: Mapping[str, Any], root: Path) -> Problems:
    """hacs.json keys and values, and the repository layout HACS expects."""
    problems: Problems = []
    for key, value in hacs.items():
        if key not in HACS_KEYS:
            problems.append(
                f"unknown key {key!r} (HACS accepts {', '.join(sorted(HACS_KEYS))})"
            )
        elif not isinstance(value, HACS_KEYS[key]):
            problems.append(f"{key!r} has the wrong type")
    if not isinstance(hacs.get("name"), str) or not hacs.get("name"):
        problems.append("'name' is required")
    minimum = hacs.get("homeassistant")
    if minimum is not None:
        if not _valid_version(minimum):
            problems.append(f"homeassistant {minimum!r} is not a valid version")
        elif AwesomeVersion(minimum) > AwesomeVersion(ha_version):
            problems.append(
                f"homeassistant {minimum} is newer than the Home Assistant {ha_version} "
                "the tests run on"
            )
    else:
        problems.append("'homeassistant' (the oldest version tested) is missing")
    if hacs.get("zip_release") and not hacs.get("filename"):
        problems.append("zip_release needs filename")
    countries = hacs.get("country", [])
    for country in [countries] if isinstance(countries, str) else countries:
        if not re.fullmatch(r"[A-Z]{2}", str(country)):
            problems.append(f"country {country!r} is not an ISO 3166 code")
    if not (root / "README.md").is_file():
        problems.append("README.md is missing")
    if not hacs.get("render_readme") and not (root / "info.md").is_file():
        problems.append("with render_readme off, HACS needs info.md")
    if not hacs.get("content_in_root"):
        integrations = [
            path
            for path in (root / "custom_components").iterdir()
            if path.is_dir() and path.name != "__pycache__"
        ]
        if len(integrations) != 1:
            problems.append("custom_components/ must hold exactly one integration")
    return problems


# -- brand images ----------------------------------------------------------------

BRAND_IMAGES = (
    "icon.png",
    "icon@2x.png",
    "logo.png",
    "logo@2x.png",
    "dark_icon.png",
    "dark_icon@2x.png",
    "dark_logo.png",
    "dark_logo@2x.png",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class PngInfo:
    """What the brand rules need from a PNG header."""

    width: int
    height: int
    has_alpha: bool


def png_info(data: bytes) -> PngInfo | None:
    """Size and transparency of a PNG, or None when it is not one."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height, _depth, colour_type = struct.unpack(">IIBB", data[16:26])
    # Colour types 4 and 6 carry alpha; a palette or grey image can have tRNS.
    has_alpha = colour_type in (4, 6) or b"tRNS" in data[: data.find(b"IDAT")]
    return PngInfo(width, height, has_alpha)


def check_brand(brand: Path) -> Problems:
    """The brand/ folder Home Assistant serves a custom integration's images from."""
    if not (brand / "icon.png").is_file():
        return [
            "brand/icon.png is missing (Home Assistant shows a placeholder without it)"
        ]
    problems: Problems = []
    sizes: dict[str, PngInfo] = {}
    for path in sorted(brand.iterdir()):
        if path.name not in BRAND_IMAGES:
            problems.append(
                f"brand/{path.name}: not an image name Home Assistant serves"
            )
            continue
        info = png_info(path.read_bytes())
        if info is None:
            problems.append(f"brand/{path.name}: not a PNG")
            continue
        sizes[path.name] = info
        if not info.has_alpha:
            problems.append(f"brand/{path.name}: needs a transparent background")
        hidpi = "@2x" in path.name
        if "icon" in path.name:
            side = 512 if hidpi else 256
            if (info.width, info.height) != (side, side):
                problems.append(
                    f"brand/{path.name}: must be {side}x{side}, is {info.width}x{info.height}"
                )
        else:
            low, high = (256, 512) if hidpi else (128, 256)
            shortest = min(info.width, info.height)
            if not low <= shortest <= high:
                problems.append(
                    f"brand/{path.name}: shortest side must be {low} to {high}, is {shortest}"
                )
            if info.width < info.height:
                problems.append(f"brand/{path.name}: a logo is landscape or square")
    for name, info in sizes.items():
        base = sizes.get(name.replace("@2x", ""))
        if (
            "@2x" in name
            and base
            and (info.width, info.height) != (2 * base.width, 2 * base.height)
        ):
            problems.append(
                f"brand/{name}: must be twice the size of {name.replace('@2x', '')}"
            )
    return problems


# -- texts ---------------------------------------------------------------------

TOP_LEVEL_STRINGS = frozenset(
    {
        "title",
        "config",
        "config_subentries",
        "options",
        "selector",
        "device_automation",
        "system_health",
        "issues",
        "entity_component",
        "device",
        "entity",
        "exceptions",
        "services",
        "conditions",
        "triggers",
        "preview_features",
        "common",
    }
)
RE_URL = re.compile(
    r"(((ftp|ftps|scp|http|https|mqtt|mqtts|socket|socks5):\/\/|www\.)"
    r"[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?)",
    re.IGNORECASE,
)
RE_HTML = re.compile(r"<[a-z].*?>", re.IGNORECASE)
RE_COMBINED_REFERENCE = re.compile(r"(.+\[%)|(%\].+)")
RE_TRANSLATION_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")


def leaves(
    node: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every (path, value) below `node` that is not a dict."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    else:
        yield path, node


def _where(path: Iterable[str]) -> str:
    return ".".join(path)


def placeholders(text: str) -> set[str]:
    """The {name} placeholders of a text."""
    return {
        field for _, field, _, _ in string.Formatter().parse(text) if field is not None
    }


def _placeholders_allowed(path: tuple[str, ...]) -> bool:
    # Entity states, attribute names and units are shown as they are.
    if path[0] == "entity" and ("state" in path or path[-1] == "unit_of_measurement"):
        return False
    return not (
        path[0] == "entity" and "state_attributes" in path and path[-1] == "name"
    )


def check_text_values(strings: Mapping[str, Any], source: bool) -> Problems:
    """Every text, as hassfest's translation validator checks it.

    `source` is True for strings.json, whose references are not resolved yet.
    """
    problems: Problems = [
        f"unknown top-level key {key!r}"
        for key in strings
        if key not in TOP_LEVEL_STRINGS
    ]
    for path, value in leaves(strings):
        where = _where(path)
        if not isinstance(value, str) or not value:
            problems.append(f"{where}: must be a non-empty string")
            continue
        if source and value.startswith("[%key:") and value.endswith("%]"):
            if RE_COMBINED_REFERENCE.search(value[1:-1]):
                problems.append(f"{where}: a reference must be the whole text")
            continue
        if RE_HTML.search(value):
            problems.append(f"{where}: must not contain HTML")
        if re.search(r"'{\w+}'", value):
            problems.append(f"{where}: a placeholder must not be in single quotes")
        if value != value.strip():
            problems.append(f"{where}: leading or trailing spaces")
        if RE_URL.search(value):
            problems.append(f"{where}: must not contain a URL (use a placeholder)")
        if RE_COMBINED_REFERENCE.search(value):
            problems.append(f"{where}: a reference must be the whole text")
        try:
            fields = placeholders(value)
        except ValueError:
            problems.append(f"{where}: unbalanced braces")
            continue
        if fields and not _placeholders_allowed(path):
            problems.append(f"{where}: placeholders are not allowed here")
        problems += [
            f"{where}: placeholder {{{field}}} is not an identifier"
            for field in fields
            if not field.isidentifier()
        ]
    for path, _ in leaves(strings.get("entity", {})):
        problems += [
            f"entity.{_where(path)}: key {key!r} is not a valid translation key"
            for key in path
            if not RE_TRANSLATION_KEY.match(key)
        ]
    for flow in ("config", "options"):
        for step_id, step in strings.get(flow, {}).get("step", {}).items():
            problems += [
                f"{flow}.step.{step_id}.data_description.{key}: not in data"
                for key in step.get("data_description", {})
                if key not in step.get("data", {})
            ]
    return problems


def check_language(
    english: Mapping[str, Any], other: Mapping[str, Any], language: str
) -> Problems:
    """A translation has exactly English's keys, placeholders and markup."""
    if language not in LANGUAGES:
        return [f"{language!r} is not a language Home Assistant knows"]
    ours = dict(leaves(english))
    theirs = dict(leaves(other))
    problems: Problems = [
        f"missing {_where(path)}" for path in ours if path not in theirs
    ]
    problems += [f"extra {_where(path)}" for path in theirs if path not in ours]
    for path, text in theirs.items():
        if path not in ours or not isinstance(text, str):
            continue
        source = ours[path]
        where = _where(path)
        try:
            fields = placeholders(text)
        except ValueError:
            problems.append(f"{where}: unbalanced braces")
            continue
        if fields != placeholders(source):
            problems.append(
                f"{where}: placeholders {sorted(fields)} differ from English "
                f"{sorted(placeholders(source))}"
            )
        if text.count("**") != source.count("**"):
            problems.append(f"{where}: bold markup (**) differs from English")
        if text.count("\n") != source.count("\n"):
            problems.append(f"{where}: line breaks differ from English")
    return problems


# -- actions -------------------------------------------------------------------


class ServiceRecorder:
    """Stands in for hass.services: records what the integration registers."""

    def __init__(self) -> None:
        """Start with no actions."""
        self.fields: dict[str, set[str]] = {}

    def async_register(
        self,
        domain: str,
        service: str,
        func: Any,
        schema: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Record one action and the fields of its schema."""
        keys = getattr(schema, "schema", None)
        self.fields[service] = (
            {str(key) for key in keys} if isinstance(keys, dict) else set()
        )


def registered_actions() -> dict[str, set[str]]:
    """The actions the integration registers, with their fields."""
    services = importlib.import_module(f"{PACKAGE}.services")
    recorder = ServiceRecorder()
    services.async_setup_services(SimpleNamespace(services=recorder, data={}))
    return recorder.fields


def _yaml_fields(description: Mapping[str, Any] | None) -> dict[str, Any]:
    fields = dict((description or {}).get("fields") or {})
    # A section holds fields of its own.
    for name, field in list(fields.items()):
        if isinstance(field, dict) and "fields" in field:
            del fields[name]
            fields.update(field["fields"])
    return fields


def check_services(
    services_yaml: Mapping[str, Any],
    registered: Mapping[str, set[str]],
    strings: Mapping[str, Any],
    icons: Mapping[str, Any],
) -> Problems:
    """services.yaml against the registered actions, their texts and icons."""
    problems: Problems = []
    problems += [
        f"action {name!r} is registered but not in services.yaml"
        for name in registered
        if name not in services_yaml
    ]
    problems += [
        f"services.yaml has {name!r}, which is not registered"
        for name in services_yaml
        if name not in registered
    ]
    texts = strings.get("services", {})
    problems += [
        f"strings.json services.{name}: not an action"
        for name in texts
        if name not in services_yaml
    ]
    service_icons = icons.get("services", {})
    problems += [
        f"icons.json services.{name}: not an action"
        for name in service_icons
        if name not in services_yaml
    ]
    selectors = strings.get("selector", {})
    for name, description in services_yaml.items():
        if not re.fullmatch(r"[a-z0-9_]+", name):
            problems.append(f"{name!r} is not a valid action name")
        fields = _yaml_fields(description)
        if name in registered and set(fields) != registered[name]:
            problems.append(
                f"{name}: services.yaml fields {sorted(fields)} are not the schema's "
                f"{sorted(registered[name])}"
            )
        if not str(service_icons.get(name, {}).get("service", "")).startswith("mdi:"):
            problems.append(f"{name}: no icon in icons.json")
        text = texts.get(name, {})
        problems += [
            f"{name}: no {key} in strings.json"
            for key in ("name", "description")
            if not text.get(key)
        ]
        problems += [
            f"strings.json services.{name}.fields.{field}: not a field"
            for field in text.get("fields", {})
            if field not in fields
        ]
        for field_name, field in fields.items():
            field_text = text.get("fields", {}).get(field_name, {})
            problems += [
                f"{name}.{field_name}: no {key} in strings.json"
                for key in ("name", "description")
                if not field_text.get(key)
            ]
            if not isinstance(field, dict):
                problems.append(f"{name}.{field_name}: must be a mapping")
                continue
            problems += [
                f"{name}.{field_name}: unknown key {key!r}"
                for key in field
                if key
                not in (
                    "required",
                    "example",
                    "default",
                    "selector",
                    "advanced",
                    "filter",
                    "name",
                    "description",
                )
            ]
            if "selector" not in field:
                problems.append(f"{name}.{field_name}: has no selector")
                continue
            try:
                selector.validate_selector(field["selector"])
            except vol.Invalid as err:
                problems.append(f"{name}.{field_name}: invalid selector: {err}")
                continue
            select = (field["selector"] or {}).get("select") or {}
            if key := select.get("translation_key"):
                options = selectors.get(key, {}).get("options", {})
                wanted = [
                    option if isinstance(option, str) else option["value"]
                    for option in select.get("options", [])
                ]
                if set(options) != set(wanted):
                    problems.append(
                        f"{name}.{field_name}: selector {key!r} options {sorted(wanted)} are not strings.json's {sorted(options)}"
                    )
    return problems


# -- entities ------------------------------------------------------------------


def _is_description(value: Any) -> bool:
    # By name: Home Assistant builds its description classes through a
    # compatibility layer, so isinstance() against one import is not reliable.
    return any(cls.__name__ == "EntityDescription" for cls in type(value).__mro__)


PLATFORM_CLASSES = {
    "".join(part.title() for part in platform.value.split("_"))
    + "EntityDescription": platform.value
    for platform in Platform
}


def _platform_of(description: Any) -> str:
    for cls in type(description).__mro__:
        if cls.__name__ in PLATFORM_CLASSES:
            return PLATFORM_CLASSES[cls.__name__]
    raise ValueError(f"no platform for {description!r}")


def entity_descriptions() -> list[tuple[str, Any]]:
    """(platform, description) of every entity description the integration defines."""
    found: dict[int, tuple[str, Any]] = {}
    for path in sorted((ROOT / "custom_components" / DOMAIN).glob("*.py")):
        module = importlib.import_module(f"{PACKAGE}.{path.stem}")
        for value in vars(module).values():
            items = value if isinstance(value, (tuple, list)) else (value,)
            for item in items:
                if _is_description(item):
                    found[id(item)] = (_platform_of(item), item)
    return list(found.values())


def check_entities(
    descriptions: Iterable[tuple[str, Any]],
    strings: Mapping[str, Any],
    icons: Mapping[str, Any],
) -> Problems:
    """Entity translation keys against strings.json and icons.json."""
    problems: Problems = []
    texts = strings.get("entity", {})
    used: set[tuple[str, str]] = set()
    for platform, description in descriptions:
        key = description.translation_key
        if key is None:
            if description.device_class is None and not description.name:
                problems.append(
                    f"{platform} {description.key!r}: no translation key, name or device class"
                )
            continue
        used.add((platform, key))
        text = texts.get(platform, {}).get(key)
        if text is None:
            problems.append(
                f"{platform} {description.key!r}: entity.{platform}.{key} is not in strings.json"
            )
            continue
        if not text.get("name") and description.device_class is None:
            problems.append(f"entity.{platform}.{key}: no name")
        states = set(text.get("state", {}))
        for option in getattr(description, "options", None) or []:
            if option not in states:
                problems.append(
                    f"entity.{platform}.{key}: no text for state {option!r}"
                )
        event_states = set(
            text.get("state_attributes", {}).get("event_type", {}).get("state", {})
        )
        for event_type in getattr(description, "event_types", None) or []:
            if event_type not in event_states:
                problems.append(
                    f"entity.{platform}.{key}: no text for event type {event_type!r}"
                )
    for platform, keys in texts.items():
        problems += [
            f"strings.json entity.{platform}.{key}: not used by any entity"
            for key in keys
            if (platform, key) not in used
        ]
    for platform, keys in icons.get("entity", {}).items():
        for key, icon in keys.items():
            if (platform, key) not in used:
                problems.append(
                    f"icons.json entity.{platform}.{key}: not used by any entity"
                )
                continue
            problems += [
                f"icons.json entity.{platform}.{key}: {_where(path)} {value!r} is not an mdi: icon"
                for path, value in leaves(icon)
                if not str(value).startswith("mdi:")
            ]
            known = set(texts.get(platform, {}).get(key, {}).get("state", {}))
            if known:
                problems += [
                    f"icons.json entity.{platform}.{key}: state {state!r} has no text"
                    for state in icon.get("state", {})
                    if state not in known
                ]
    return problems


# -- the config flow's texts -------------------------------------------------------


def check_flow_texts(
    sources: Mapping[str, str], strings: Mapping[str, Any]
) -> Problems:
    """Steps, errors, abort reasons and menus used in the flows have texts."""
    problems: Problems = []
    config = strings.get("config", {})
    options = strings.get("options", {})
    steps = set(config.get("step", {})) | set(options.get("step", {}))
    errors = set(config.get("error", {}))
    aborts = set(config.get("abort", {}))
    for name, source in sources.items():
        problems += [
            f"{name}: step {step!r} has no text"
            for step in re.findall(r'step_id="(\w+)"', source)
            if step not in steps
        ]
        problems += [
            f"{name}: error {key!r} has no text"
            for key in re.findall(r'(?<!\w)FormError\(\s*"(\w+)"', source)
            # The options flows' forms share the same errors.
            if key not in errors and key not in options.get("error", {})
        ]
        problems += [
            f"{name}: abort reason {key!r} has no text"
            for key in re.findall(r'(?:reason|error)="(\w+)"', source)
            if key not in aborts and key not in errors
        ]
        problems += [
            f"{name}: entry description {key!r} has no text"
            for key in re.findall(r'description="(\w+)"', source)
            if key not in config.get("create_entry", {})
        ]
        for step, menu in re.findall(
            r'step_id="(\w+)",\s*menu_options=\[([^\]]*)\]', source
        ):
            texts = config.get("step", {}).get(step, {}).get("menu_options", {})
            problems += [
                f"{name}: menu option {option!r} of {step!r} has no text"
                for option in re.findall(r'"(\w+)"', menu)
                if option not in texts
            ]
    # The import step ends with the form's error as its abort reason.
    problems += [
        f"config.abort.{key}: missing (an import aborts with the form error {key!r})"
        for key in errors
        if key not in aborts and key != "nothing_chosen"
    ]
    return problems


def check_code_keys(sources: Mapping[str, str], strings: Mapping[str, Any]) -> Problems:
    """Translation keys named in the code exist; every exception text is used."""
    problems: Problems = []
    known = set(strings.get("exceptions", {})) | set(strings.get("issues", {}))
    for texts in strings.get("entity", {}).values():
        known |= set(texts)
    known |= set(strings.get("selector", {})) | set(strings.get("device", {}))
    everything = "\n".join(sources.values())
    for name, source in sources.items():
        keys = re.findall(r'translation_key="(\w+)"', source) + re.findall(
            r'\binvalid\(\s*"(\w+)"', source
        )
        problems += [
            f"{name}: translation key {key!r} is not in strings.json"
            for key in keys
            if key not in known
        ]
    problems += [
        f"strings.json exceptions.{key}: not used in the code"
        for key in strings.get("exceptions", {})
        if f'"{key}"' not in everything
    ]
    problems += [
        f"strings.json issues.{key}: not used in the code"
        for key in strings.get("issues", {})
        if f'"{key}' not in everything
    ]
    return problems


# -- quality_scale.yaml ----------------------------------------------------------

TIERS = ("bronze", "silver", "gold", "platinum")
RULES: dict[str, tuple[str, ...]] = {
    "bronze": (
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ),
    "silver": (
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ),
    "gold": (
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the repository holds that a rule marked done needs."""

    files: frozenset[str]
    code: str
    manifest: Mapping[str, Any]
    platforms: Mapping[str, str]
    strict_typing: bool


def _evidence_checks(evidence: Evidence) -> dict[str, Callable[[], bool]]:
    return {
        "brands": lambda: "brand/icon.png" in evidence.files,
        "config-flow": lambda: (
            "config_flow.py" in evidence.files
            and bool(evidence.manifest.get("config_flow"))
        ),
        "diagnostics": lambda: "diagnostics.py" in evidence.files,
        "reauthentication-flow": lambda: "async_step_reauth" in evidence.code,
        "reconfiguration-flow": lambda: "async_step_reconfigure" in evidence.code,
        "repair-issues": lambda: "async_create_issue" in evidence.code,
        "runtime-data": lambda: ".runtime_data" in evidence.code,
        "icon-translations": lambda: "icons.json" in evidence.files,
        "entity-translations": lambda: "translation_key=" in evidence.code,
        "exception-translations": lambda: "translation_domain=" in evidence.code,
        "action-setup": lambda: "async_setup_services" in evidence.code,
        "strict-typing": lambda: evidence.strict_typing,
        "parallel-updates": lambda: all(
            "PARALLEL_UPDATES" in source for source in evidence.platforms.values()
        ),
        "discovery": lambda: any(key in evidence.manifest for key in DISCOVERY_KEYS),
        "integration-owner": lambda: bool(evidence.manifest.get("codeowners")),
    }


def tier_met(rules: Mapping[str, Any]) -> str | None:
    """The highest tier whose rules, and every lower tier's, are done or exempt."""
    met = None
    for tier in TIERS:
        if any(
            _status(rules.get(rule)) not in ("done", "exempt") for rule in RULES[tier]
        ):
            break
        met = tier
    return met


def _status(entry: Any) -> str | None:
    return entry.get("status") if isinstance(entry, dict) else entry


def check_quality_scale(
    quality_scale: Mapping[str, Any], evidence: Evidence, readme: str
) -> Problems:
    """Every rule present with a valid status, exemptions explained, README honest."""
    rules = quality_scale.get("rules")
    if not isinstance(rules, dict):
        return ["quality_scale.yaml has no rules"]
    problems: Problems = []
    every_rule = [rule for tier in TIERS for rule in RULES[tier]]
    problems += [
        f"rule {rule!r} is missing" for rule in every_rule if rule not in rules
    ]
    problems += [
        f"{rule!r} is not a quality scale rule"
        for rule in rules
        if rule not in every_rule
    ]
    checks = _evidence_checks(evidence)
    for rule, entry in rules.items():
        status = _status(entry)
        if status not in ("done", "todo", "exempt"):
            problems.append(f"{rule}: status {status!r} is not done, todo or exempt")
        if status == "exempt" and not (
            isinstance(entry, dict) and str(entry.get("comment", "")).strip()
        ):
            problems.append(f"{rule}: exempt needs a comment that says why")
        if status == "done" and rule in checks and not checks[rule]():
            problems.append(f"{rule}: marked done, but the repository does not show it")
        if rule == "discovery" and status == "exempt" and checks["discovery"]():
            problems.append("discovery: exempt, but the manifest declares discovery")
    tier = tier_met(rules)
    if tier is None:
        problems.append("the integration does not meet the bronze tier")
    elif not re.search(rf"quality scale[^\n]*\b{tier}\b", readme, re.IGNORECASE):
        problems.append(
            f"README.md does not state the quality scale tier it meets ({tier.title()})"
        )
    return problems


# -- running it ------------------------------------------------------------------


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validate(root: Path = ROOT) -> dict[str, Problems]:
    """Run every check on the repository at `root`; problems by file."""
    component = root / "custom_components" / DOMAIN
    sys.path.insert(0, str(root))
    manifest = _json(component / "manifest.json")
    strings = _json(component / "strings.json")
    english = _json(component / "translations" / "en.json")
    icons = _json(component / "icons.json")
    sources = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(component.glob("*.py"))
    }
    readme = (root / "README.md").read_text(encoding="utf-8")
    problems: dict[str, Problems] = {
        "manifest.json": check_manifest(manifest, component.name)
        + check_requirements(
            manifest, (root / "requirements.txt").read_text(encoding="utf-8")
        ),
        "hacs.json": check_hacs(_json(root / "hacs.json"), root),
        "brand/": check_brand(component / "brand"),
        "strings.json": check_text_values(strings, source=True),
        "translations/en.json": check_text_values(english, source=False),
        "services.yaml": check_services(
            load_yaml_dict(str(component / "services.yaml")),
            registered_actions(),
            english,
            icons,
        ),
        "icons.json / entities": check_entities(entity_descriptions(), strings, icons),
        "config flow texts": check_flow_texts(
            {
                name: source
                for name, source in sources.items()
                if name.endswith("_flow.py")
            },
            strings,
        ),
        "translation keys in the code": check_code_keys(sources, strings),
    }
    for path in sorted((component / "translations").glob("*.json")):
        if path.name != "en.json":
            other = _json(path)
            problems[f"translations/{path.name}"] = check_text_values(
                other, source=False
            ) + check_language(english, other, path.stem)
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    if pyproject.get("project", {}).get("version") != manifest.get("version"):
        problems["manifest.json"].append("version differs from pyproject.toml's")
    platforms = {
        path.stem: path.read_text(encoding="utf-8")
        for path in component.glob("*.py")
        if path.stem
        in {"sensor", "binary_sensor", "switch", "select", "event", "button", "number"}
    }
    files = frozenset(
        str(path.relative_to(component))
        for path in component.rglob("*")
        if path.is_file()
    )
    evidence = Evidence(
        files=files,
        code="\n".join(sources.values()),
        manifest=manifest,
        platforms=platforms,
        strict_typing=bool(pyproject.get("tool", {}).get("mypy", {}).get("strict")),
    )
    problems["quality_scale.yaml"] = check_quality_scale(
        load_yaml_dict(str(component / "quality_scale.yaml")), evidence, readme
    )
    return {name: found for name, found in problems.items() if found}


def main() -> int:
    """Print every problem; exit 1 if there is any."""
    problems = validate()
    for name, found in problems.items():
        for problem in found:
            print(f"{name}: {problem}")
    if problems:
        print(f"{sum(map(len, problems.values()))} problem(s) found")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
