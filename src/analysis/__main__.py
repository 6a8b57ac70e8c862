"""``python -m analysis run ...`` is the same as ``jixiao run ...``."""

import sys

from analysis.cli import main

sys.exit(main())
