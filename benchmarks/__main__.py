import sys

if sys.argv[1:2] == ["scale"]:  # one point of the growth benchmark (benchmarks/scale.py)
    from .scale import main as scale

    sys.exit(scale(sys.argv[2:]))

from .run import main

sys.exit(main())
