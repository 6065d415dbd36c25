"""Command line of the model zoo.

    python -m framnn_models gen --out DIR [--seed S] [--reference]
                               [--opset N] [--double] [--suffix S] [MODEL ...]
        Export MODEL (default: all) to DIR/MODEL.onnx; --reference also writes
        DIR/MODEL.input.npy and DIR/MODEL.output.npy (torch's output).
    python -m framnn_models check-params MODEL FILE.onnx [--seed S] [--allow-extra]
        Every torch parameter / BatchNorm statistic of the module built with
        the same seed is an initializer of FILE of the same name, equal bit
        for bit; no other float initializer exists (int64 ones, shape-like
        operands, are listed as notes; --allow-extra tolerates any).
    python -m framnn_models check-run MODEL FILE.onnx [--seed S]
        Evaluates FILE with the NumPy reference interpreter on a sample batch
        and compares it with the torch module's output.
    python -m framnn_models check-io MODEL FILE.onnx
        One f32 input 'input' and one f32 output 'logits', both with a
        dynamic batch dimension and the model's static feature dimensions.
    python -m framnn_models check MODEL FILE.onnx [--allow-extra]
        check-params, check-io and check-run in one process.
    python -m framnn_models summary FILE.mlir
        Op counts and parameters (name, shape) of an imported nn module.
    python -m framnn_models list
        The model names.

Exits 1 (with a message on stderr) when a check fails.
"""

import argparse
import sys

from .models import MODELS, DEFAULT_SEED


def _gen(args):
    import os
    from .export import export_model, write_reference
    names = args.models or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        print(f"error: unknown model(s) {', '.join(unknown)}; known: "
              f"{', '.join(MODELS)}", file=sys.stderr)
        return 2
    for name in names:
        path = os.path.join(args.out, f"{name}{args.suffix}.onnx")
        model = export_model(name, path, seed=args.seed, opset=args.opset,
                             double=args.double)
        if args.reference:
            write_reference(name, model, args.out, seed=args.seed)
        print(path)
    return 0


def _check_params(args):
    from .check import check_params
    return check_params(args.model, args.file, seed=args.seed,
                        allow_extra=args.allow_extra)


def _check_run(args):
    from .check import check_run
    return check_run(args.model, args.file, seed=args.seed,
                     rtol=args.rtol, atol=args.atol)


def _check_io(args):
    from .check import check_io
    return check_io(args.model, args.file)


def _check_all(args):
    from .check import check_params, check_io, check_run
    # One process for the three checks: importing torch dominates their cost.
    status = check_params(args.model, args.file, seed=args.seed,
                          allow_extra=args.allow_extra)
    status |= check_io(args.model, args.file)
    status |= check_run(args.model, args.file, seed=args.seed,
                        rtol=args.rtol, atol=args.atol)
    return status


def _summary(args):
    from .summary import summarize
    with open(args.file) as f:
        print(summarize(f.read(), title=args.title or args.file))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m framnn_models",
                                description="FramNN model zoo")
    sub = p.add_subparsers(dest="cmd", required=True)

    g = sub.add_parser("gen", help="export models to ONNX")
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    g.add_argument("--reference", action="store_true")
    g.add_argument("--opset", type=int, default=13,
                   help="ONNX opset to export (default 13)")
    g.add_argument("--double", action="store_true",
                   help="export in float64 (a variant FramNN must refuse)")
    g.add_argument("--suffix", default="",
                   help="file name is MODEL+SUFFIX.onnx")
    g.add_argument("models", nargs="*", metavar="MODEL")
    g.set_defaults(fn=_gen)

    for cmd, fn in (("check-params", _check_params), ("check-run", _check_run),
                    ("check-io", _check_io), ("check", _check_all)):
        c = sub.add_parser(cmd)
        c.add_argument("model", choices=list(MODELS))
        c.add_argument("file")
        c.add_argument("--seed", type=int, default=DEFAULT_SEED)
        if cmd == "check-io":
            c.set_defaults(fn=fn)
            continue
        if cmd in ("check-params", "check"):
            c.add_argument("--allow-extra", action="store_true",
                           help="tolerate initializers that are not torch "
                                "parameters (listed as notes)")
        if cmd in ("check-run", "check"):
            c.add_argument("--rtol", type=float, default=1e-4)
            c.add_argument("--atol", type=float, default=1e-5)
        c.set_defaults(fn=fn)

    s = sub.add_parser("summary")
    s.add_argument("file")
    s.add_argument("--title")
    s.set_defaults(fn=_summary)

    l = sub.add_parser("list")
    l.set_defaults(fn=lambda a: print("\n".join(MODELS)) or 0)

    args = p.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
