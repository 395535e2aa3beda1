"""The README's map of the code names every module where it lives, and nothing that is
gone: the next person finds a module by its package, and a map that drifts fails here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("meeting", "storage", "screens", "tui")


def the_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Map of the code.**")
    return readme[start : readme.index("**Worked examples", start)]


def sections(text: str) -> dict[str, str]:
    """Each top package's part of the map, from its header line to the next one."""
    headers = list(re.finditer(r"^  `(\w+)/`,", text, re.M))
    return {
        found.group(1): text[found.start() : after.start() if after else len(text)]
        for found, after in zip(headers, [*headers[1:], None], strict=True)
    }


def bullets(section: str) -> list[str]:
    return re.split(r"\n  - ", section)


def modules() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__init__.py" and "migrations" not in path.parts
    )


def test_every_module_is_on_the_map_under_its_package() -> None:
    parts = sections(the_map())
    assert set(parts) == set(PACKAGES)
    missing = []
    for module in modules():
        top, *folders, name = module.parts
        where = parts[top]
        if folders:
            folder = "/".join([top, *folders]) + "/"
            held = [b for b in bullets(where) if f"`{folder}`" in b]
            where = "".join(held)
        if f"`{name}`" not in where:
            missing.append(str(module))
    assert missing == [], f"add these to the README's map of the code: {missing}"


def test_the_map_names_no_module_that_is_gone() -> None:
    names = set(re.findall(r"`(\w+\.py)`", the_map())) - {"__init__.py"}
    existing = {module.name for module in modules()}
    assert names - existing == set()
