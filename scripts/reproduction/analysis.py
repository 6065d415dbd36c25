"""Tables and figure data from the cells' results. Accuracies are in percent
of the test split; every training figure is mean ± sample std over the
seeds; EDP, energy and speed-up come from the hardware model (modelled)."""
import math
from collections import defaultdict

from .plan import EXACT_M, levels_to, m_of

EXACT = ("exact", "uniform:23")


class Stat:
    """Mean, sample standard deviation and standard error of values."""

    def __init__(self, values):
        self.values = list(values)
        self.n = len(self.values)
        self.mean = sum(self.values) / self.n if self.n else math.nan
        self.std = (math.sqrt(sum((v - self.mean) ** 2 for v in self.values)
                              / (self.n - 1)) if self.n > 1 else 0.0)
        self.se = self.std / math.sqrt(self.n) if self.n else math.nan
        # Degrees of freedom of the noise estimate.
        self.df = self.n - 1

    def __sub__(self, other):
        """The difference of two independent means (its se combines both)."""
        d = Stat([])
        d.n = min(self.n, other.n)
        d.mean = self.mean - other.mean
        d.se = math.sqrt(self.se ** 2 + other.se ** 2)
        d.std = d.se * math.sqrt(d.n) if d.n else math.nan
        d.df = self.n + other.n - 2
        return d

    def text(self, digits=2):
        if not self.n:
            return "n/a"
        return f"{self.mean:.{digits}f} ± {self.std:.{digits}f}"

    def json(self):
        return {"mean": self.mean, "std": self.std, "n": self.n}


class Results:
    """The results of a run's cells, grouped by (dataset, mode, schedule)."""

    def __init__(self, results, hardware):
        self.groups = defaultdict(list)
        for r in results:
            c = r["config"]
            self.groups[(c["dataset"], c["mode"], c["schedule"])].append(r)
        self.hardware = hardware  # m -> (power, delay)

    def runs(self, dataset, run):
        return self.groups.get((dataset, *run), [])

    def final(self, dataset, run):
        """Test accuracy at the final width (the inference precision)."""
        return Stat(100 * r["summary"]["test_acc_final_m"]
                    for r in self.runs(dataset, run))

    def at_width(self, dataset, run, w):
        """Test accuracy of the trained model run at inference width w."""
        return Stat(100 * r["sweep"][str(w)] for r in self.runs(dataset, run)
                    if r["sweep"] and str(w) in r["sweep"])

    def at_final(self, dataset, run, m):
        """Test accuracy run at the schedule's nominal final width m: an
        optimal schedule can skip its last level when the epochs are few
        (docs/schedules.md), so its last trained width may be below m; the
        summary's exact accuracy serves m = 23, a sweep other widths."""
        values = []
        for r in self.runs(dataset, run):
            s = r["summary"]
            if s["final_m"] == m:
                values.append(100 * s["test_acc_final_m"])
            elif m == EXACT_M:
                values.append(100 * s["test_acc_exact"])
            elif r["sweep"] and str(m + 1) in r["sweep"]:
                values.append(100 * r["sweep"][str(m + 1)])
        return Stat(values)

    def edp_gain(self, dataset, run):
        return Stat(r["summary"]["modelled_edp_gain"]
                    for r in self.runs(dataset, run))

    def schedules(self, dataset, run):
        return sorted({" ".join(map(str, r["summary"]["schedule"]["mantissa_bits"]))
                       for r in self.runs(dataset, run)})

    def inference_gains(self, w):
        """Modelled energy-efficiency gain and speed-up of one multiply at
        width w against the exact one."""
        p, d = self.hardware[m_of(w)]
        p23, d23 = self.hardware[EXACT_M]
        return (p23 * d23) / (p * d), d23 / d


def table1(res, setup):
    rows = []
    exact = res.final(setup.name, EXACT)
    for w in setup.table1_widths:
        m = m_of(w)
        rows.append({
            "dataset": setup.name, "w": w,
            "exact": exact,
            "exact_trained_at_w": res.at_width(setup.name, EXACT, w),
            "approx": res.final(setup.name, ("approx", f"uniform:{m}")),
            "framnn": res.final(setup.name, ("framnn", f"uniform:{m}")),
        })
    return rows


def table2(res, setup):
    if "table2" not in setup.experiments:
        return []
    exact = res.final(setup.name, EXACT)
    rows = []
    for name, schedule in (("Uniform", "uniform:15"), ("Linear", "linear:0..15")):
        run = ("framnn", schedule)
        rows.append({"dataset": setup.name, "policy": name,
                     "schedule": schedule, "accuracy": res.final(setup.name, run),
                     "loss": exact - res.final(setup.name, run),
                     "edp_gain": res.edp_gain(setup.name, run),
                     "widths": res.schedules(setup.name, run)})
    return rows


def fig2(res, setup):
    return [{"dataset": setup.name, "w": w,
             "accuracy": res.at_width(setup.name, EXACT, w)}
            for w in setup.fig2_widths]


def fig3(res, setup):
    """For each inference width: the FramNN training width with the best
    mean accuracy there (exact training, w = 24, competes too)."""
    rows = []
    trainings = [(w, ("framnn", f"uniform:{m_of(w)}")) for w in setup.fig3_widths]
    trainings.append((24, EXACT))
    exact_full = res.final(setup.name, EXACT)
    for w_inf in setup.fig3_widths:
        grid = {w_t: res.at_width(setup.name, run, w_inf) for w_t, run in trainings}
        grid = {w_t: s for w_t, s in grid.items() if s.n}
        if not grid:
            continue
        best = max(grid, key=lambda w_t: grid[w_t].mean)
        framnn = [w_t for w_t in grid if w_t != 24]
        best_framnn = max(framnn, key=lambda w_t: grid[w_t].mean) if framnn else None
        energy, speedup = res.inference_gains(w_inf)
        rows.append({"dataset": setup.name, "w_inference": w_inf,
                     "best_w_train": best, "best": grid[best],
                     "best_framnn_w_train": best_framnn,
                     "best_framnn": grid.get(best_framnn),
                     "same_width": grid.get(w_inf),
                     "exact_trained": grid.get(24), "exact_at_24": exact_full,
                     "grid": grid, "energy_gain": energy, "speedup": speedup})
    return rows


def fig4(res, setup):
    exact = res.final(setup.name, EXACT)
    rows = []
    for w in setup.fig4_finals:
        m = m_of(w)
        levels = ",".join(map(str, levels_to(m)))
        for policy, run in (
                ("uniform", EXACT if m == EXACT_M else ("framnn", f"uniform:{m}")),
                ("optimal", ("framnn", f"optimal:{levels}")),
                ("adaptive", ("framnn", f"adaptive:{levels}"))):
            acc = res.at_final(setup.name, run, m)
            rows.append({"dataset": setup.name, "w_final": w, "policy": policy,
                         "schedule": run[1], "accuracy": acc,
                         "loss": exact - acc,
                         "edp_gain": res.edp_gain(setup.name, run),
                         "widths": res.schedules(setup.name, run)})
    return rows
