"""Packages are found, not listed (pyproject.toml holds everything else).

Only this cannot be said in pyproject.toml: ``resources/`` lives at the top level (ARCHITECTURE) yet ships
inside the package as ``clinic_desktop.resources`` (mapped by ``package-dir``), and setuptools' own finder
only finds folders under the package. The folders that hold only data (Alembic's scripts, the resources'
subfolders) are listed as namespace packages too: setuptools warns about every importable folder it is not
told about, and a new user's ``pip install .`` should not scroll past pages of warnings.
"""

from setuptools import find_namespace_packages, find_packages, setup


def packages() -> list[str]:
    code = find_packages(include=["clinic_desktop", "clinic_desktop.*"])
    data = find_namespace_packages(include=["clinic_desktop.db.migrations*"], exclude=["*__pycache__*"])
    resources = find_namespace_packages(where="resources", exclude=["*__pycache__*"])
    return sorted(
        {*code, *data, "clinic_desktop.resources", *(f"clinic_desktop.resources.{r}" for r in resources)}
    )


if __name__ == "__main__":
    setup(packages=packages())
