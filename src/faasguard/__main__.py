import sys

from faasguard.cli.main import main

sys.exit(main())
