"""FramNN's model zoo: the paper's networks built in PyTorch and exported to ONNX.

Run with Debian's interpreter (``/usr/bin/python3``), which has torch, onnx
and numpy::

    PYTHONPATH=python /usr/bin/python3 -m framnn_models --out out/ mlp lenet5

or through the wrapper ``scripts/make_models.py``. Every model is built with a
fixed seed, so the exported parameters are reproducible and tests can rebuild
the same torch module as an independent reference.
"""

from .models import MODELS, build_model  # noqa: F401

__all__ = ["MODELS", "build_model"]
