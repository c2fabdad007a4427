"""A deterministic synthetic registry for the linkage benchmarks and tests (invented people)."""

from approdo.linkage.synthetic.generator import SyntheticRegistry, generate_registry

__all__ = ["SyntheticRegistry", "generate_registry"]
