"""The sample network: the product's demo data (``netweave demo``), which the tests and the
benchmarks use too.

``sample_network(seed, size)`` generates a believable professional's network
deterministically; ``build_sample_workspace(store, ...)`` loads one into a
new workspace. Records carry provisional ids (1..n per kind), see
:mod:`netweave.sample.network`.
"""

from netweave.sample.build import build_sample_workspace, sample_network
from netweave.sample.clock import SAMPLE_TODAY
from netweave.sample.network import RECORD_KINDS, CoreGroups, Profile, Records, SampleNetwork

__all__ = [
    "RECORD_KINDS",
    "SAMPLE_TODAY",
    "CoreGroups",
    "Profile",
    "Records",
    "SampleNetwork",
    "build_sample_workspace",
    "sample_network",
]
