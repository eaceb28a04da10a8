"""`python -m sspclerk` is the same as the `sspclerk` command."""

import sys

from sspclerk.launch import run

sys.exit(run())
