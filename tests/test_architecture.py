"""The architecture is enforced: the import contracts of pyproject.toml (docs/architecture.md)
hold for the code, and a wrong import breaks them, so `make test` and CI fail on it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("leernetwerk", "networks", "meetings", "participants", "evaluations", "demo")
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
    assert "Contracts: 4 kept, 0 broken." in result.stdout


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
            "participants/services.py",
            "def _planted():\n    from .views import profile  # noqa: F401\n",
            "Inside each app: views > forms > services/selectors > models/querysets > enums BROKEN",
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
