"""What the docs quote from the demo is what the demo gives: this test fails when the
sample generator or a rule drifts away from README.md and docs/planning.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Netweave

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Netweave:
    runner = Netweave(f"sqlite:///{tmp_path / 'demo.db'}", capsys)
    runner.ok("demo", "--fresh")
    return runner


def test_the_readme_describes_the_demo_it_builds(demo: Netweave) -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(
        r"builds a sample network of (\d+) people in `demo/netweave-demo.db` \(owner (.+?), "
        r".+?today pinned to (\d{4}-\d{2}-\d{2})\)",
        readme,
    )
    assert quoted is not None, "README.md no longer describes the demo as this test reads it"
    people = json.loads(demo.ok("person", "list", "--json", "--limit", "1000").out)
    settings = json.loads(demo.ok("settings", "show", "--json").out)
    me = json.loads(demo.ok("person", "show", "me", "--json").out)
    assert len(people) == int(quoted[1])
    assert me["person"]["name"] == quoted[2]
    assert settings["pinned_today"] == quoted[3]
    demo.close()


def test_the_sample_plan_in_the_docs_is_the_demo_s(demo: Netweave) -> None:
    planning = (ROOT / "docs" / "planning.md").read_text(encoding="utf-8")
    command = re.search(
        r"Sample plan \(`netweave demo`, then `netweave plan (.+?) --markdown", planning
    )
    block = re.search(r"```markdown\n(.*?)```", planning, re.S)
    assert command is not None
    assert block is not None
    event, as_of = re.fullmatch(r'"(.+?)" --as-of (\S+)', command[1]).groups()  # type: ignore[union-attr]
    made = demo.ok("plan", event, "--as-of", as_of, "--markdown", "-").out
    assert made.strip() == block[1].strip()
    demo.close()
