"""The layers depend one way, and every public module's ``__all__`` is sorted and true.

domain ← storage, analytics, importers ← services ← web, cli, api. Read from the
source with ``ast`` (nothing is imported to find the imports), so that a
violation fails with the module, the line and the import that broke the rule.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

import netweave

SOURCE = Path(netweave.__file__).parent


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module, e.g. ``netweave.cli.person``."""
    target: str
    """What it imports, absolute, e.g. ``netweave.storage.people``."""
    where: str
    """``src/netweave/cli/person.py:12``"""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_in(source: str, module: str, *, is_package: bool, where: str) -> list[Import]:
    """Every import in ``source``, at any depth (functions, TYPE_CHECKING blocks too)."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            # ``from netweave import storage`` is netweave.storage; ``from x import y`` is x.y.
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.extend(Import(module, target, f"{where}:{node.lineno}") for target in targets)
    return found


def imports_of(path: Path) -> list[Import]:
    return imports_in(
        path.read_text(encoding="utf-8"),
        module_name(path),
        is_package=path.name == "__init__.py",
        where=str(path.relative_to(SOURCE.parent.parent)),
    )


ALL_IMPORTS = [imp for path in sorted(SOURCE.rglob("*.py")) for imp in imports_of(path)]


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


RULES = [
    (
        "netweave.domain",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.web",
            "netweave.cli",
            "netweave.analytics",
            "netweave.importers",
            "netweave.exporters",
            "sqlalchemy",
            "alembic",
        ],
        "the domain is pure data and rules: no I/O, no storage",
    ),
    (
        "netweave.domain",
        ["netweave.commands", "netweave.planning", "netweave.api"],
        "commands are built on the domain, not the other way round",
    ),
    (
        "netweave.commands",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.web",
            "netweave.cli",
            "netweave.api",
            "netweave.analytics",
            "netweave.planning",
            "netweave.importers",
            "sqlalchemy",
        ],
        "commands are typed data and their own checks, over the domain: no I/O",
    ),
    (
        "netweave.storage",
        ["netweave.services", "netweave.web", "netweave.cli", "netweave.commands"],
        "storage sits below the services",
    ),
    ("netweave.cli", ["sqlalchemy", "netweave.storage"], "the CLI goes through the services"),
    (
        "netweave.web",
        ["sqlalchemy", "netweave.storage", "netweave.cli", "netweave.importers"],
        "the web app goes through the services, beside the CLI",
    ),
    ("netweave.cli", ["netweave.web.api", "netweave.web.pages"], "the CLI only starts the web app"),
    (
        "netweave.api",
        ["sqlalchemy", "netweave.storage", "netweave.cli", "netweave.web"],
        "the Python API goes through the services, beside the CLI and the web app",
    ),
    (
        "netweave.services",
        ["sqlalchemy"],
        "services get Tx from netweave.storage and leave SQL to the storage layer",
    ),
    (
        "netweave.analytics",
        [
            "netweave.services",
            "netweave.cli",
            "netweave.web",
            "netweave.storage",
            "netweave.importers",
            "sqlalchemy",
        ],
        "analytics are pure functions of records: no storage, no I/O",
    ),
    (
        "netweave.importers",
        ["netweave.services", "netweave.cli", "netweave.web"],
        "importers sit below the services",
    ),
    (
        "netweave.exporters",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.analytics",
            "netweave.importers",
            "netweave.cli",
            "netweave.web",
            "sqlalchemy",
        ],
        "exporters are pure: domain records in, the bytes of a file out",
    ),
    (
        "netweave.cards",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.commands",
            "netweave.cli",
            "netweave.web",
            "netweave.api",
            "sqlalchemy",
        ],
        "reading a card photo is pure: bytes in, a person draft out, no storage",
    ),
    (
        "netweave.web",
        ["netweave.cards"],
        "the web app reads card photos through the services",
    ),
    (
        "netweave.sample",
        [
            "netweave.cli",
            "netweave.web",
            "netweave.api",
            "netweave.importers",
            "netweave.commands",
            "sqlalchemy",
        ],
        "the sample network is demo data: records built over the domain, loaded by a service",
    ),
    (
        "netweave.outbox",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.cli",
            "netweave.web",
            "netweave.api",
            "sqlalchemy",
        ],
        "mail out's outside parts (SMTP, channels, the letter, the schedule) hold no data",
    ),
    (
        "netweave.mail",
        [
            "netweave.storage",
            "netweave.services",
            "netweave.commands",
            "netweave.analytics",
            "netweave.planning",
            "netweave.importers",
            "netweave.cli",
            "netweave.web",
            "netweave.api",
            "sqlalchemy",
        ],
        "mail readers and rules are pure over the domain: no database, no interface",
    ),
    (
        "netweave.planning",
        [
            "netweave.services",
            "netweave.cli",
            "netweave.web",
            "netweave.storage",
            "netweave.importers",
            "sqlalchemy",
        ],
        "planning is pure suggestion logic over the domain and the analytics",
    ),
]


def violations(imports: list[Import]) -> list[str]:
    found = []
    for layer, forbidden, reason in RULES:
        for imp in imports:
            if not _within(imp.module, layer):
                continue
            for banned in forbidden:
                if _within(imp.target, banned):
                    found.append(f"{imp.where}: {imp.module} imports {imp.target} ({reason})")
    return found


def test_the_walk_sees_the_imports_it_checks() -> None:
    # Guard against a walk that finds nothing and so passes vacuously.
    targets = {(imp.module, imp.target) for imp in ALL_IMPORTS}
    assert ("netweave.storage.store", "sqlalchemy.create_engine") in targets
    assert ("netweave.storage", "sqlalchemy.Connection") in targets
    assert ("netweave.services.people", "netweave.storage.Store") in targets
    assert ("netweave.storage.people", "netweave.storage.tables") in targets
    assert ("netweave.cli.person", "netweave.services.people") in targets
    assert ("netweave.web.pages.people", "netweave.services.listing") in targets
    assert ("netweave.domain.person", "netweave.domain.base.Record") in targets
    assert ("netweave.domain.dates", "re") in targets
    assert ("netweave.services.exports", "netweave.exporters.vcard") in targets
    assert ("netweave.exporters.vcard", "netweave.domain.Person") in targets
    assert ("netweave.planning.plans", "netweave.planning.text.Matcher") in targets
    assert ("netweave.services.mail_sync", "netweave.mail.rules.judge") in targets


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("netweave.domain.x", "import sqlalchemy.orm", "netweave.domain.x imports sqlalchemy.orm"),
        (
            "netweave.cli.x",
            "from netweave.storage import people",
            "netweave.cli.x imports netweave.storage.people (the CLI goes through the services)",
        ),
        ("netweave.web.x", "from netweave import storage", "imports netweave.storage"),
        ("netweave.domain.x", "from ..services import people", "imports netweave.services.people"),
        ("netweave.services.x", "from sqlalchemy import select", "imports sqlalchemy.select"),
        ("netweave.importers.x", "import netweave.services.people", "imports netweave.services"),
        ("netweave.storage.x", "from netweave.cli import main", "imports netweave.cli.main"),
        (
            "netweave.exporters.x",
            "from netweave.storage import people",
            "imports netweave.storage.people (exporters are pure",
        ),
        ("netweave.planning.x", "from netweave.storage import plans", "(planning is pure"),
        ("netweave.mail.x", "from netweave.services import people", "(mail readers and rules"),
    ],
)
def test_a_violation_is_reported_with_module_line_and_import(
    module: str, line: str, expected: str
) -> None:
    source = f"from __future__ import annotations\n\n\ndef f() -> None:\n    {line}\n"
    imports = imports_in(source, module, is_package=False, where="src/netweave/x.py")
    found = violations(imports)
    assert len(found) == 1
    assert found[0].startswith("src/netweave/x.py:5: ")
    assert expected in found[0]


def test_allowed_imports_are_not_reported() -> None:
    source = (
        "from netweave.storage import Store, Tx\n"
        "from netweave.domain import Person\n"
        "from netweave.storage import people as people_db\n"
    )
    assert not violations(imports_in(source, "netweave.services.x", is_package=False, where="x.py"))


def test_dependencies_point_one_way() -> None:
    found = violations(ALL_IMPORTS)
    assert not found, "imports against the architecture:\n" + "\n".join(found)


# __all__


def _is_public(path: Path) -> bool:
    relative = path.relative_to(SOURCE)
    if relative.parts[:2] == ("storage", "migrations"):
        return False  # run by Alembic, not imported
    return not any(part.startswith("_") and part != "__init__.py" for part in relative.parts)


def _declared_all(path: Path) -> list[str] | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            assert node.value is not None
            value = ast.literal_eval(node.value)
            return list(value)
    return None


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's order for ``__all__`` (RUF022): CONSTANTS, then Classes, then the rest."""
    if len(name) > 1 and name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


PUBLIC = [path for path in sorted(SOURCE.rglob("*.py")) if _is_public(path)]
WITH_ALL = [path for path in PUBLIC if _declared_all(path) is not None]


def test_all_order_is_constants_classes_then_functions() -> None:
    names = ["parse", "Person", "MAX", "build", "Ask", "DEFAULT_NAME", "_private"]
    assert sorted(names, key=_isort_key) == [
        "DEFAULT_NAME",
        "MAX",
        "Ask",
        "Person",
        "_private",
        "build",
        "parse",
    ]


def test_the_core_modules_declare_all() -> None:
    declared = {module_name(path) for path in WITH_ALL}
    for module in (
        "netweave.errors",
        "netweave.domain",
        "netweave.domain.dates",
        "netweave.storage",
        "netweave.services.people",
    ):
        assert module in declared


def test_every_all_is_sorted_unique_and_names_what_exists() -> None:
    problems = []
    for path in WITH_ALL:
        name = module_name(path)
        declared = _declared_all(path) or []
        in_order = sorted(declared, key=_isort_key)
        if declared != in_order:
            problems.append(f"{name}: __all__ is not sorted; sorted it reads {in_order}")
        duplicates = sorted({n for n in declared if declared.count(n) > 1})
        if duplicates:
            problems.append(f"{name}: __all__ repeats {duplicates}")
        module = importlib.import_module(name)
        missing = [n for n in declared if not hasattr(module, n)]
        if missing:
            problems.append(f"{name}: __all__ names {missing}, which the module does not define")
    assert not problems, "bad __all__:\n" + "\n".join(problems)
