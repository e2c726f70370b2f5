"""The canonical sample network, for tests, benchmarks and ``netweave demo``.

``sample_network(seed, size)`` generates a believable professional's network
deterministically; ``build_sample_workspace(store, ...)`` loads one into a
new workspace. Records carry provisional ids (1..n per kind), see
:mod:`netweave.testing.network`.
"""

from netweave.testing.clock import SAMPLE_TODAY
from netweave.testing.network import RECORD_KINDS, CoreGroups, Profile, Records, SampleNetwork
from netweave.testing.sample import build_sample_workspace, sample_network

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
