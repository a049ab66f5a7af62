import sys

from inpe.cli import main

sys.exit(main())
