"""The action examples in README.md are accepted by the actions they show."""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
import yaml

from custom_components.qbittorrent_multi.const import DOMAIN

README = Path(__file__).resolve().parents[2] / "README.md"


def _parsed(block: str) -> Any:
    """One YAML example; a tagged value (!secret, !input) stands for a text."""
    return yaml.safe_load(re.sub(r"!\w+\s+(\S+)", r'"\1"', block))


def _steps(node: Any) -> list[dict[str, Any]]:
    """Every mapping with an action of this integration, however deeply nested."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if str(node.get("action", "")).startswith(f"{DOMAIN}."):
            found.append(node)
        for value in node.values():
            found += _steps(value)
    elif isinstance(node, list):
        for item in node:
            found += _steps(item)
    return found


EXAMPLES = [
    step
    for block in re.findall(r"```yaml\n(.*?)```", README.read_text("utf-8"), re.DOTALL)
    for step in _steps(_parsed(block))
]


def test_the_readme_shows_every_action() -> None:
    """Each action has at least one example."""
    shown = {step["action"].split(".", 1)[1] for step in EXAMPLES}
    services = yaml.safe_load(
        (README.parent / "custom_components" / DOMAIN / "services.yaml").read_text()
    )

    assert shown == set(services)


@pytest.mark.parametrize(
    "step", EXAMPLES, ids=[step["action"].split(".")[1] for step in EXAMPLES]
)
async def test_an_example_passes_its_action_schema(
    hass: HomeAssistant, step: dict[str, Any]
) -> None:
    """The data of the example is valid input for the action."""
    assert await async_setup_component(hass, DOMAIN, {})
    service = hass.services.async_services_for_domain(DOMAIN)[
        step["action"].split(".", 1)[1]
    ]

    assert service.schema is not None
    service.schema(step.get("data", {}))
