"""The rules packages import downwards only: normalize <- nlp <- facts <- link <- rules.

Read from the source files' import statements (module-level and inside functions), so a new
import that crosses a layer fails here before it tangles the packages again."""

from __future__ import annotations

import ast
from pathlib import Path

import extractor.rules

RULES = Path(extractor.rules.__file__).parent
LAYERS = {"normalize": 0, "nlp": 1, "facts": 2, "link": 3}
# the one upward edge, on purpose: the gate asks the table reader whether a table reads as a term sheet
ALLOWED = {("nlp.gate", "facts.tables")}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extractor.rules."):
            found.add(node.module.removeprefix("extractor.rules."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("extractor.rules.") for a in node.names if a.name.startswith("extractor.rules."))
    return found


def test_every_rules_module_sits_in_a_layer_package():
    loose = sorted(p.name for p in RULES.glob("*.py") if p.name != "__init__.py")
    assert loose == [], f"modules outside normalize/nlp/facts/link: {loose}"
    assert {p.name for p in RULES.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(LAYERS)


def test_rules_packages_import_only_their_own_layer_and_below():
    crossings = []
    for package, level in LAYERS.items():
        for path in sorted((RULES / package).glob("*.py")):
            here = f"{package}.{path.stem}"
            for target in _imports(path):
                layer = target.split(".")[0]
                if layer not in LAYERS:
                    crossings.append(f"{here} imports extractor.rules.{target} (not a layer package)")
                elif LAYERS[layer] > level and (here, target) not in ALLOWED:
                    crossings.append(f"{here} imports {target}")
    assert crossings == []


def test_the_layering_check_sees_a_crossing(tmp_path):
    # the check reads function-level imports too: a normalizer that reached up into link would show
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from extractor.rules.link.frames import build_frames\n")
    assert _imports(bad) == {"link.frames"}


def test_no_rules_module_binds_a_top_level_name_twice():
    # a second `_NAME = re.compile(...)` further down silently replaces the first for every caller above it
    twice = []
    for path in sorted(RULES.rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text()).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            for name in names:
                if name in seen:
                    twice.append(f"{path.relative_to(RULES)}: {name} (lines {seen[name]} and {node.lineno})")
                seen[name] = node.lineno
    assert twice == []
