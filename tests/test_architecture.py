"""The architecture is enforced: the import contracts of pyproject.toml (docs/architecture.md)
hold for the code, and a wrong import breaks them, so `make test` and CI fail on it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("leernetwerk", "networks", "meetings", "participants", "evaluations", "demo", "mails")
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_import_contracts_hold_for_the_code():
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def _copy_of_the_code(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return root


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        # The core must not know the domain.
        (
            "leernetwerk/planted.py",
            "from networks.models import Network\n",
            "The core app (leernetwerk) imports no domain app BROKEN",
        ),
        # An app low in the order must not reach up (networks below evaluations).
        (
            "networks/planted.py",
            "from evaluations.models import EvaluationRound\n",
            "Apps import only apps below them",
        ),
        # Inside an app a model must not import a form, nor a service a view.
        (
            "meetings/models.py",
            "from .forms import MeetingForm  # planted\n",
            "Inside each app: views > forms > services/selectors > models/querysets > enums BROKEN",
        ),
        (
            "participants/services/people.py",
            "def _planted():\n    from ..views import profile  # noqa: F401\n",
            "Inside each app: views > forms > services/selectors > models/querysets > enums BROKEN",
        ),
        # A template tag reads through a selector.
        (
            "networks/templatetags/networks_slots.py",
            "from ..models import Application  # planted\n",
            "Template tags read through selectors, never models or querysets BROKEN",
        ),
        (
            "evaluations/templatetags/evaluations_slots.py",
            "from ..models import PhaseReport  # planted\n",
            "Template tags read through selectors, never models or querysets BROKEN",
        ),
        # A pure calculation module must not touch the database.
        (
            "evaluations/scoring.py",
            "from .models import EvaluationRound  # planted\n",
            "Pure calculation modules use no database BROKEN",
        ),
    ],
)
def test_import_contracts_fail_on_a_wrong_import(tmp_path, module, planted, broken):
    root = _copy_of_the_code(tmp_path)
    target = root / module
    existing = target.read_text() if target.exists() else ""
    target.write_text(existing + "\n" + planted)

    result = _lint_imports(root)

    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in " ".join(result.stdout.split()), result.stdout


def _enum_values() -> set[str]:
    from django.db.models import TextChoices

    from evaluations import enums as evaluation_enums
    from meetings import enums as meeting_enums
    from networks import enums as network_enums
    from participants import enums as participant_enums

    values = set()
    for module in (network_enums, meeting_enums, participant_enums, evaluation_enums):
        for thing in vars(module).values():
            if (
                isinstance(thing, type)
                and issubclass(thing, TextChoices)
                and thing is not TextChoices
            ):
                values |= {str(member.value) for member in thing}
    return values


def test_templates_never_compare_with_an_enum_value_literal():
    import re

    values = _enum_values()
    comparison = re.compile(r"""(?:==|!=)\s*["']([a-z_]+)["']|["']([a-z_]+)["']\s*(?:==|!=)""")
    found = []
    for template in sorted((REPO / "templates").rglob("*.*")):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            for match in comparison.finditer(line):
                literal = match.group(1) or match.group(2)
                if literal in values:
                    found.append(f"{template.relative_to(REPO)}:{number}: {literal}")
    assert found == []


# Apps whose services, selectors and tasks are fully typed and documented.
TYPED_APPS = ("leernetwerk", "networks", "meetings", "participants", "evaluations")


def _public_functions(app: str):
    import ast

    base = REPO / app
    modules = [base / f"{name}.py" for name in ("services", "selectors", "tasks", "memberships")]
    for package in ("services", "selectors"):
        if (base / package).is_dir():
            modules += sorted((base / package).rglob("*.py"))
    for module in modules:
        if not module.exists():
            continue
        for node in ast.parse(module.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield module.relative_to(REPO), node


def test_every_service_selector_and_task_has_type_hints():
    untyped = []
    for app in TYPED_APPS:
        for module, node in _public_functions(app):
            arguments = [*node.args.args, *node.args.kwonlyargs]
            if node.returns is None or any(a.annotation is None for a in arguments):
                untyped.append(f"{module}: {node.name}")
    assert untyped == []


def test_every_selector_has_a_docstring():
    import ast

    undocumented = []
    for app in TYPED_APPS:
        for module, node in _public_functions(app):
            is_selector = module.name == "selectors.py" or module.parent.name == "selectors"
            if is_selector and not ast.get_docstring(node):
                undocumented.append(f"{module}: {node.name}")
    assert undocumented == []


# No module over about 400 lines (docs/architecture.md, "Layers inside an app"): a longer one
# is split by what it is about. Migrations are generated, the vendored assets not ours.
MAX_MODULE_LINES = 400
NOT_OURS = {".venv", "node_modules", "static", "staticfiles", ".git", "migrations", "data"}


def _long_modules(root: Path) -> list[str]:
    long = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if NOT_OURS & set(relative.parts):
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_MODULE_LINES:
            long.append(f"{relative}: {lines} lines")
    return long


def test_no_module_is_longer_than_400_lines():
    assert _long_modules(REPO) == []


def test_a_long_module_is_reported(tmp_path):
    (tmp_path / "networks").mkdir()
    (tmp_path / "networks" / "long.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    (tmp_path / "networks" / "short.py").write_text("x = 1\n" * MAX_MODULE_LINES)
    (tmp_path / "networks" / "migrations").mkdir()
    (tmp_path / "networks" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    assert _long_modules(tmp_path) == ["networks/long.py: 401 lines"]
