"""The README documents every verb, and every verb's help ends with an example."""

from pathlib import Path

from annals.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_verb_is_in_the_readme_and_has_an_example():
    for name, command in cli.commands.items():
        assert f"`annals {name}" in README, f"annals {name} is not documented in README.md"
        assert "Example:" in (command.help or ""), f"annals {name} --help has no example"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]] == [
        "make example", "make test"]


def test_the_package_exports_its_python_api():
    import annals
    from annals.api import Annals

    assert annals.Annals is Annals and "Annals" in annals.__all__


def test_annals_open_returns_the_api_without_shadowing_the_builtin_open():
    import annals

    assert isinstance(annals.open(":memory:"), annals.Annals)
    namespace: dict = {}
    exec("from annals import *", namespace)
    assert "open" not in namespace and "Contact" in namespace
