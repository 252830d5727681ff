"""Packages are found, not listed (pyproject.toml holds everything else).

Only this cannot be said in pyproject.toml: ``resources/`` lives at the top level (ARCHITECTURE) yet ships
inside the package as ``clinic_desktop.resources`` (mapped by ``package-dir``), and setuptools' own finder
only finds folders under the package.
"""

from setuptools import find_packages, setup


def packages() -> list[str]:
    return sorted(find_packages(include=["clinic_desktop", "clinic_desktop.*"]) + ["clinic_desktop.resources"])


if __name__ == "__main__":
    setup(packages=packages())
