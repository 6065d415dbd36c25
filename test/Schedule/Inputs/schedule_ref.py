"""Independent side of the `framnn schedule` tests (plain Python, exact
rational arithmetic where it matters).

  compare HW_MODEL.json SPEC...
      For each SPEC and many epoch counts, computes the schedule the way
      DESIGN.md section 3 defines it -- the optimal closed form
      t_i = T / (p_i * sum_j 1/p_j) with largest-remainder rounding (ties to
      the later level), linear rounding half up, interpolated powers -- plus
      the modelled energy, delay and EDP, and compares them with
      `framnn schedule --json` and the figures of its readable output.

  default-model JSON
      Checks that a hardware-model JSON is the documented default: every
      m in 0..23 with power ((m+1)^2 + 100) / 676 and delay
      (2(m+1) + 16) / 64, rounded half up to 4 decimals.
"""

import json
import re
import subprocess
import sys
from fractions import Fraction


def load_levels(path):
    model = json.load(open(path))
    return {l["mantissa_bits"]: (Fraction(str(l["power"])),
                                 Fraction(str(l["delay"])))
            for l in model["levels"]}


def cost(levels, m):
    """Linear interpolation between the listed widths around m."""
    if m in levels:
        return levels[m]
    lo = max(k for k in levels if k < m)
    hi = min(k for k in levels if k > m)
    f = Fraction(m - lo, hi - lo)
    return tuple(levels[lo][i] + f * (levels[hi][i] - levels[lo][i])
                 for i in range(2))


def optimal(levels, widths, total):
    powers = [cost(levels, m)[0] for m in widths]
    inv = sum(1 / p for p in powers)
    t = [Fraction(total) / (p * inv) for p in powers]  # exact rationals
    floors = [x.numerator // x.denominator for x in t]
    rest = total - sum(floors)
    # Largest remainder; equal remainders go to the later level.
    order = sorted(range(len(t)), key=lambda i: (-(t[i] - floors[i]), -i))
    for i in order[:rest]:
        floors[i] += 1
    out = []
    for m, n in zip(widths, floors):
        out += [m] * n
    return out


def linear(a, b, epochs):
    if epochs == 1:
        return [b]
    out = []
    for e in range(epochs):
        x = a + Fraction((b - a) * e, epochs - 1)
        out.append((x + Fraction(1, 2)).__floor__())  # half up
    return out


def levels_of(text):
    if ".." in text:
        a, b = map(int, text.split(".."))
        return list(range(a, b + 1))
    return [int(x) for x in text.split(",")]


def expected(levels, spec, epochs):
    policy, rest = spec.split(":")
    if policy == "uniform":
        return [int(rest)] * epochs
    if policy == "linear":
        a, b = map(int, rest.split(".."))
        return linear(a, b, epochs)
    return optimal(levels, levels_of(rest), epochs)


def modelled(levels, widths):
    p23, d23 = levels[23]
    energy = sum(cost(levels, m)[0] * cost(levels, m)[1] for m in widths)
    delay = sum(cost(levels, m)[1] for m in widths)
    n = len(widths)
    energy /= n * p23 * d23
    delay /= n * d23
    return float(energy), float(delay), float(energy * delay)


def framnn(args):
    return subprocess.run(["framnn", "schedule"] + args, check=True,
                          capture_output=True, text=True).stdout


def cmd_compare(model_path, specs, framnn_model=None):
    levels = load_levels(model_path)
    bad = 0
    cases = 0
    for spec in specs:
        for epochs in list(range(1, 21)) + [37, 250]:
            cases += 1
            # One run: the readable output holds the JSON line and the
            # modelled figures (4 decimals).
            text = framnn(["--policy", spec, "--epochs", str(epochs),
                           "--hw-model", framnn_model or model_path])
            got = json.loads(text.splitlines()[1])
            want = expected(levels, spec, epochs)
            ok = (got == {"policy": spec.split(":")[0], "epochs": epochs,
                          "mantissa_bits": want})
            figures = {k: float(v) for k, v in re.findall(
                r"modelled (energy|delay|EDP) +([0-9.]+)", text)}
            e, d, edp = modelled(levels, want)
            for key, value in (("energy", e), ("delay", d), ("EDP", edp)):
                # Printed with 4 decimals: half a unit, plus float slack.
                ok &= abs(figures.get(key, -1) - value) <= 0.5e-4 + 1e-9
            if not ok:
                bad += 1
                print(f"MISMATCH {spec} E={epochs}: framnn {got} / "
                      f"{figures}, python {want} / {(e, d, edp)}")
    print(f"{cases} cases, {bad} mismatches")
    return 1 if bad else 0


def round_half_up_4(x):
    return (Fraction(x) * 10000 + Fraction(1, 2)).__floor__() / Fraction(10000)


def cmd_default_model(path):
    model = json.load(open(path))
    got = {l["mantissa_bits"]: l for l in model["levels"]}
    assert sorted(got) == list(range(24)), sorted(got)
    for m in range(24):
        n = m + 1
        power = round_half_up_4(Fraction(n * n + 100, 676))
        delay = round_half_up_4(Fraction(2 * n + 16, 64))
        assert Fraction(str(got[m]["power"])) == power, (m, got[m], power)
        assert Fraction(str(got[m]["delay"])) == delay, (m, got[m], delay)
    print("default model matches the formula at all 24 widths")
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "compare":
        args = sys.argv[2:]
        framnn_model = None
        if args[0] == "--framnn-model":  # sentinel: framnn gets another model
            framnn_model, args = args[1], args[2:]
        sys.exit(cmd_compare(args[0], args[1:], framnn_model))
    if cmd == "default-model":
        sys.exit(cmd_default_model(sys.argv[2]))
    sys.exit(f"unknown command {cmd}")
