"""`python -m sspclerk` is the same as the `sspclerk` command."""

import sys

from sspclerk.cli import main

sys.exit(main())
