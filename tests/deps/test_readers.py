"""Every manifest and lock reader: names, versions, pins and the line of each entry; broken
files raise ParseError at the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.analysis.deps.model import IndexOptionKind, Manifest, PinKind
from faasguard.analysis.deps.readers import npm, pylocks, pyproject, requirements, setuptools
from faasguard.analysis.deps.readers.pyproject import poetry_specifier
from faasguard.loaders.errors import ParseError

FIXTURES = Path(__file__).parent.parent / "fixtures"
DEPS = FIXTURES / "deps"
RULES = FIXTURES / "rules"


def entries(manifest: Manifest) -> list[tuple[str, str | None, PinKind, int, bool]]:
    return [(p.name, p.version, p.pin, p.location.start_line, p.dev) for p in manifest.packages]


def read(reader: object, path: Path) -> Manifest:
    assert callable(reader)
    manifest = reader(path.name, path.read_text("utf-8"))
    assert isinstance(manifest, Manifest)
    return manifest


def test_requirements_with_hashes_markers_extras_and_includes() -> None:
    text = (
        "-r base.txt\n"
        "--constraint=constraints.txt\n"
        "requests==2.25.1  # pinned\n"
        "PyJWT[crypto]==1.7.1 ; python_version >= '3.8' \\\n"
        "    --hash=sha256:abc\n"
        "Jinja2 >= 3.1\n"
        "idna\n"
        "-e git+https://github.com/x/y@main#egg=y_pkg\n"
        "--extra-index-url https://extra.example.com/simple\n"
        "-i https://index.example.com/simple\n"
        "--trusted-host extra.example.com\n"
    )
    manifest = requirements.read_requirements("svc/requirements.txt", text)
    assert entries(manifest) == [
        ("requests", "2.25.1", PinKind.EXACT, 3, False),
        ("pyjwt", "1.7.1", PinKind.EXACT, 4, False),
        ("jinja2", None, PinKind.RANGE, 6, False),
        ("idna", None, PinKind.UNPINNED, 7, False),
        ("y-pkg", None, PinKind.DIRECT, 8, False),
    ]
    assert manifest.packages[1].marker == 'python_version >= "3.8"'
    assert manifest.packages[2].spec == ">=3.1"
    assert manifest.includes == ("svc/base.txt", "svc/constraints.txt")
    assert [(o.kind, o.location.start_line) for o in manifest.index_options] == [
        (IndexOptionKind.EXTRA_INDEX_URL, 9),
        (IndexOptionKind.INDEX_URL, 10),
        (IndexOptionKind.TRUSTED_HOST, 11),
    ]


def test_a_bad_requirement_line_is_a_problem_and_the_rest_is_read() -> None:
    manifest = requirements.read_requirements("r.txt", "requests===\nidna==3.10\n-r\n")
    assert entries(manifest) == [("idna", "3.10", PinKind.EXACT, 2, False)]
    assert [(p.location.start_line, "requirement" in p.message) for p in manifest.problems] == [
        (1, True),
        (3, False),
    ]


def test_pyproject_pep621_and_poetry() -> None:
    manifest = read(pyproject.read_pyproject, RULES / "DEP001" / "pyproject" / "pyproject.toml")
    assert entries(manifest) == [
        ("jinja2", "2.10", PinKind.EXACT, 6, False),
        ("requests", None, PinKind.RANGE, 8, False),
        ("urllib3", "1.24.1", PinKind.EXACT, 14, False),
        ("pyyaml", None, PinKind.RANGE, 16, False),
        ("pytest", "3.0.0", PinKind.EXACT, 21, True),
    ]


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        ("^1.2.3", ">=1.2.3,<2"),
        ("^0.2.3", ">=0.2.3,<0.3"),
        ("^0.0.3", ">=0.0.3,<0.0.4"),
        ("~1.2.3", ">=1.2.3,<1.3"),
        ("~1", ">=1,<2"),
        ("1.2.*", "==1.2.*"),
        ("1.2.3", "==1.2.3"),
        (">=1.0,<2.0", ">=1.0,<2.0"),
        (">=1.0 <2.0", ">=1.0,<2.0"),
        ("*", ""),
        ("^1.0 || ^2.0", None),
    ],
)
def test_poetry_constraints(constraint: str, expected: str | None) -> None:
    assert poetry_specifier(constraint) == expected


def test_poetry_lock_marks_dev_and_finds_the_version_line() -> None:
    manifest = read(pylocks.read_poetry_lock, RULES / "DEP001" / "poetry-lock" / "poetry.lock")
    assert entries(manifest) == [
        ("jinja2", "2.10", PinKind.EXACT, 6, False),
        ("markupsafe", "2.1.5", PinKind.EXACT, 15, False),
        ("pytest", "3.0.0", PinKind.EXACT, 25, True),
    ]


def test_uv_lock_skips_the_project_itself() -> None:
    manifest = read(pylocks.read_uv_lock, RULES / "DEP001" / "uv-lock" / "uv.lock")
    assert entries(manifest) == [
        ("requests", "2.25.1", PinKind.EXACT, 13, False),
        ("idna", "3.10", PinKind.EXACT, 19, False),
    ]


def test_pipfile_and_pipfile_lock() -> None:
    manifest = read(pyproject.read_pipfile, RULES / "DEP001" / "pipfile" / "Pipfile")
    assert entries(manifest) == [
        ("requests", "2.25.1", PinKind.EXACT, 8, False),
        ("idna", None, PinKind.UNPINNED, 10, False),
        ("pytest", "3.0.0", PinKind.EXACT, 14, True),
    ]
    lock = read(pylocks.read_pipfile_lock, DEPS / "python" / "pipfile-lock" / "Pipfile.lock")
    assert entries(lock) == [
        ("demo-http", "1.0", PinKind.EXACT, 9, False),
        ("demo-jwt", "1!1.9", PinKind.EXACT, 13, False),
        ("demo-http", "0.9", PinKind.EXACT, 19, True),
    ]
    assert lock.packages[1].marker == "python_version >= '3.8'"


def test_setup_cfg_and_setup_py_are_read_without_running_anything() -> None:
    folder = RULES / "DEP001" / "setuptools"
    assert entries(read(setuptools.read_setup_cfg, folder / "setup.cfg")) == [
        ("requests", "2.25.1", PinKind.EXACT, 7, False),
        ("idna", "3.10", PinKind.EXACT, 9, False),
    ]
    assert entries(read(setuptools.read_setup_py, folder / "setup.py")) == [
        ("pyyaml", "5.3.1", PinKind.EXACT, 6, False),
        ("pyyaml-include", "1.3", PinKind.EXACT, 8, False),
    ]


def test_setup_py_that_does_not_parse_yields_nothing() -> None:
    text = (DEPS / "broken" / "setup.py").read_text("utf-8")
    assert setuptools.read_setup_py("setup.py", text).packages == ()


def test_setup_py_with_computed_requirements_yields_nothing(tmp_path: Path) -> None:
    text = "import setuptools\nsetuptools.setup(install_requires=open('r.txt').read().split())\n"
    assert setuptools.read_setup_py("setup.py", text).packages == ()


def test_dist_info_metadata() -> None:
    path = RULES / "DEP001" / "vendored" / "src" / "fn" / "vendor" / "requests-2.25.1.dist-info"
    assert entries(read(setuptools.read_dist_info, path / "METADATA")) == [
        ("requests", "2.25.1", PinKind.EXACT, 4, False)
    ]


def test_package_json_sections_aliases_and_git() -> None:
    manifest = read(npm.read_package_json, DEPS / "npm" / "package-json" / "package.json")
    assert entries(manifest) == [
        ("leftpad-demo", "4.17.20", PinKind.EXACT, 5, False),
        ("@demo/parser", None, PinKind.RANGE, 6, False),
        ("safe-demo", None, PinKind.UNPINNED, 7, False),
        ("sdk", None, PinKind.DIRECT, 8, False),
        ("leftpad-demo", "4.17.21", PinKind.EXACT, 9, False),
        ("leftpad-demo", "4.0.0", PinKind.EXACT, 12, True),
    ]
    assert manifest.packages[3].spec == "github:example/sdk#main"


def test_package_lock_v1_nested_dependencies() -> None:
    manifest = read(npm.read_package_lock, DEPS / "npm" / "lock-v1" / "package-lock.json")
    assert entries(manifest) == [
        ("@demo/parser", "1.4.0", PinKind.EXACT, 7, False),
        ("leftpad-demo", "4.17.20", PinKind.EXACT, 13, False),
        ("leftpad-demo", "4.17.21", PinKind.EXACT, 18, False),
        ("jest-demo", "1.0.0", PinKind.EXACT, 21, True),
    ]


def test_package_lock_v3_packages() -> None:
    manifest = read(npm.read_package_lock, DEPS / "npm" / "lock-v3" / "package-lock.json")
    assert entries(manifest) == [
        ("leftpad-demo", "4.17.20", PinKind.EXACT, 14, False),
        ("@demo/parser", "2.0.0-rc.1", PinKind.EXACT, 18, False),
        ("leftpad-demo", "4.17.21", PinKind.EXACT, 21, False),
        ("leftpad-demo", "3.0.0", PinKind.EXACT, 24, False),
        ("safe-demo", "1.0.0", PinKind.EXACT, 28, False),
    ]


def test_yarn_lock_v1_and_berry() -> None:
    classic = read(npm.read_yarn_lock, DEPS / "npm" / "yarn-v1" / "yarn.lock")
    assert entries(classic) == [
        ("@demo/parser", "1.3.0", PinKind.EXACT, 5, False),
        ("leftpad-demo", "4.17.21", PinKind.EXACT, 9, False),
        ("leftpad-demo", "3.10.1", PinKind.EXACT, 13, False),
    ]
    berry = read(npm.read_yarn_lock, DEPS / "npm" / "yarn-berry" / "yarn.lock")
    assert entries(berry) == [("leftpad-demo", "4.17.15", PinKind.EXACT, 13, False)]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (
            "pnpm-v5",
            [("leftpad-demo", "4.17.20", 11, False), ("@demo/parser", "1.3.0", 15, True)],
        ),
        (
            "pnpm-v6",
            [("leftpad-demo", "4.17.20", 10, False), ("@demo/parser", "1.3.0", 14, False)],
        ),
        (
            "pnpm-v9",
            [("leftpad-demo", "4.17.21", 12, False), ("@demo/parser", "1.3.0", 15, False)],
        ),
    ],
)
def test_pnpm_lock_versions(version: str, expected: list[tuple[str, str, int, bool]]) -> None:
    manifest = read(npm.read_pnpm_lock, DEPS / "npm" / version / "pnpm-lock.yaml")
    assert [(n, v, line, dev) for n, v, _, line, dev in entries(manifest)] == expected


@pytest.mark.parametrize(
    ("name", "reader", "line"),
    [
        ("package-lock.json", npm.read_package_lock, 5),
        ("package.json", npm.read_package_json, 1),
        ("yarn.lock", npm.read_yarn_lock, 1),
        ("pnpm-lock.yaml", npm.read_pnpm_lock, 5),
        ("poetry.lock", pylocks.read_poetry_lock, 3),
        ("Pipfile.lock", pylocks.read_pipfile_lock, 1),
        ("pkg.dist-info/METADATA", setuptools.read_dist_info, 1),
    ],
)
def test_broken_files_raise_at_the_problem(name: str, reader: object, line: int) -> None:
    path = DEPS / "broken" / name
    assert callable(reader)
    with pytest.raises(ParseError) as caught:
        reader(f"broken/{name}", path.read_text("utf-8"))
    assert caught.value.location.path == f"broken/{name}"
    assert caught.value.location.start_line == line
