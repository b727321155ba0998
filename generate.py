#!/usr/bin/env python3
"""Build the leaflets in content/ into build/ (see README.md, or --help)."""
import sys

from leaflet.cli import main

if __name__ == "__main__":
    sys.exit(main())
