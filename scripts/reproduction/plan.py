"""The experiments as training cells.

A cell is one `framnn train` run (one dataset, mode, schedule and seed),
optionally followed by `framnn sweep` of the trained model over inference
widths. Its configuration (every option that changes the result) is its
cache key, so experiments that need the same run share it (Table I's FramNN
cell at w = 16 is Table II's uniform cell and one of Fig. 3's)."""
import hashlib
import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional

# The cell file format; bump it when a cell's meaning changes.
CELL_FORMAT = 1

EXACT_M = 23


def m_of(w):
    """Multiplier width w (the paper's "w-bit multiplier") -> mantissa bits."""
    return w - 1


def levels_to(final_m):
    """The levels of an optimal/adaptive schedule ending at `final_m`: the
    multiplier's maximum approximation (m = 0, where the paper's linear
    schedule starts), then every 4 bits, then the final width."""
    return [m for m in (0, 4, 8, 12, 16) if m < final_m] + [final_m]


@dataclass
class DatasetSetup:
    """One stand-in: a model of the zoo on a dataset, with the sizes that
    keep the full run inside its budget."""
    name: str
    model: str                 # python -m framnn_models name
    dataset: str               # "fashion-mnist" or "digits" (written as .npz)
    paper_columns: List[str]   # the paper's datasets it stands in for
    train_samples: int
    test_samples: int
    epochs: int
    batch: int
    lr: float
    table1_widths: List[int]   # w; 16 first (the paper's), then where the gap shows
    fig3_widths: List[int]     # w; training and inference widths of Fig. 3
    fig4_finals: List[int]     # w; final widths of Fig. 4's schedules
    fig2_widths: List[int]     # w; the exact-trained models' sweep
    train_eval_samples: int = 1000
    eval_batch: int = 1000
    # Experiments run on this stand-in (Fig. 3 and 4 are also skipped when
    # their widths are empty).
    experiments: tuple = ("fig2", "table1", "table2", "fig3", "fig4")


@dataclass
class Settings:
    quick: bool
    seeds: List[int]
    datasets: List[DatasetSetup]
    momentum: float = 0.9
    dropout: float = 0.5
    validation_fraction: float = 0.1


ALL_WIDTHS = list(range(1, 25))


def full_settings():
    # Reduced from the paper (see report.md, "What was run"): subsets of the
    # training sets, few epochs, 3 seeds; sized from the per-cell times of
    # quick runs to fit 60 minutes on 2 cores.
    return Settings(quick=False, seeds=[0, 1, 2], datasets=[
        DatasetSetup("fmnist-mlp", "mlp", "fashion-mnist", ["MNIST"],
                     train_samples=20000, test_samples=10000, epochs=10,
                     batch=64, lr=0.01,
                     table1_widths=[16, 3, 2, 1],
                     fig3_widths=[1, 2, 3, 4, 6, 8, 16],
                     fig4_finals=[4, 8, 16, 24], fig2_widths=ALL_WIDTHS),
        DatasetSetup("digits-mlp", "mlp_digits", "digits", ["ISOLET", "HAR"],
                     train_samples=1347, test_samples=450, epochs=30,
                     batch=32, lr=0.01,
                     table1_widths=[16, 3, 2, 1],
                     fig3_widths=[1, 2, 3, 4, 6, 8, 16],
                     fig4_finals=[4, 8, 16, 24], fig2_widths=ALL_WIDTHS,
                     train_eval_samples=450, eval_batch=500),
        DatasetSetup("fmnist-cnn", "papercnn", "fashion-mnist",
                     ["CIFAR-10", "CIFAR-100", "PASCAL"],
                     train_samples=8000, test_samples=2000, epochs=3,
                     batch=32, lr=0.01,
                     table1_widths=[16, 2], fig3_widths=[], fig4_finals=[],
                     fig2_widths=[1, 2, 3, 4, 5, 6, 8, 12, 16, 24],
                     train_eval_samples=500, eval_batch=500),
    ])


def quick_settings():
    # A smoke run: one seed, tiny subsets, few widths; every experiment on
    # the MLPs, the CNN's exact run only (its compile alone is ~10 s).
    return Settings(quick=True, seeds=[0], datasets=[
        DatasetSetup("fmnist-mlp", "mlp", "fashion-mnist", ["MNIST"],
                     train_samples=600, test_samples=300, epochs=2,
                     batch=64, lr=0.01, table1_widths=[16, 2],
                     fig3_widths=[2, 16], fig4_finals=[8, 24],
                     fig2_widths=[1, 2, 4, 8, 16, 24], train_eval_samples=300,
                     eval_batch=300),
        DatasetSetup("digits-mlp", "mlp_digits", "digits", ["ISOLET", "HAR"],
                     train_samples=1347, test_samples=450, epochs=2,
                     batch=32, lr=0.01, table1_widths=[16, 2],
                     fig3_widths=[2, 16], fig4_finals=[8, 24],
                     fig2_widths=[1, 2, 4, 8, 16, 24], train_eval_samples=450,
                     eval_batch=500),
        DatasetSetup("fmnist-cnn", "papercnn", "fashion-mnist",
                     ["CIFAR-10", "CIFAR-100", "PASCAL"],
                     train_samples=128, test_samples=100, epochs=1,
                     batch=32, lr=0.01, table1_widths=[], fig3_widths=[],
                     fig4_finals=[], fig2_widths=[2, 16, 24],
                     train_eval_samples=100, eval_batch=100,
                     experiments=("fig2",)),
    ])


@dataclass
class Cell:
    config: Dict
    # Experiments that use it, for the plan listing.
    uses: List[str] = field(default_factory=list)

    @property
    def key(self):
        text = json.dumps(self.config, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def label(self):
        c = self.config
        return f"{c['dataset']} {c['mode']} {c['schedule']} seed {c['seed']}"


def sweep_widths(setup: DatasetSetup, mode: str, schedule: str) -> Optional[List[int]]:
    """The inference widths (w) a cell's trained model is swept over: Fig. 2's
    for exact training, Fig. 3's for FramNN training at a Fig. 3 width;
    none otherwise. A function of the cell's training only, so a cell needed
    by several experiments has one configuration."""
    if mode == "exact":
        return sorted(set(setup.fig2_widths) | set(setup.fig3_widths) | {24})
    if mode == "framnn" and schedule.startswith("uniform:"):
        w = int(schedule.split(":")[1]) + 1
        if w in setup.fig3_widths:
            return sorted(set(setup.fig3_widths) | {24})
    return None


def cell_config(settings: Settings, setup: DatasetSetup, mode: str,
                schedule: str, seed: int) -> Dict:
    return {
        "format": CELL_FORMAT,
        "dataset": setup.name, "model": setup.model, "data": setup.dataset,
        "init_seed": seed, "seed": seed, "mode": mode, "schedule": schedule,
        "epochs": setup.epochs, "batch": setup.batch, "lr": setup.lr,
        "momentum": settings.momentum, "dropout": settings.dropout,
        "validation_fraction": settings.validation_fraction,
        "train_samples": setup.train_samples,
        "test_samples": setup.test_samples,
        "train_eval_samples": setup.train_eval_samples,
        "eval_batch": setup.eval_batch,
        "sweep": sweep_widths(setup, mode, schedule),
    }


def runs_of(setup: DatasetSetup) -> Dict[str, List[tuple]]:
    """Experiment -> the (mode, schedule) runs it needs on `setup`."""
    exact = ("exact", "uniform:23")
    table1 = [exact]
    for w in setup.table1_widths:
        table1 += [("approx", f"uniform:{m_of(w)}"),
                   ("framnn", f"uniform:{m_of(w)}")]
    table2 = [exact, ("framnn", "uniform:15"), ("framnn", "linear:0..15")]
    fig3 = ([exact] + [("framnn", f"uniform:{m_of(w)}")
                       for w in setup.fig3_widths]) if setup.fig3_widths else []
    fig4 = []
    for w in setup.fig4_finals:
        m = m_of(w)
        fig4.append(exact if m == EXACT_M else ("framnn", f"uniform:{m}"))
        levels = ",".join(map(str, levels_to(m)))
        fig4 += [("framnn", f"optimal:{levels}"),
                 ("framnn", f"adaptive:{levels}")]
    runs = {"fig2": [exact], "table1": table1, "table2": table2,
            "fig3": fig3, "fig4": fig4}
    return {k: v for k, v in runs.items() if k in setup.experiments}


def plan_cells(settings: Settings) -> List[Cell]:
    cells: Dict[str, Cell] = {}
    for setup in settings.datasets:
        for experiment, runs in runs_of(setup).items():
            for mode, schedule in runs:
                for seed in settings.seeds:
                    cell = Cell(cell_config(settings, setup, mode, schedule,
                                            seed))
                    cell = cells.setdefault(cell.key, cell)
                    if experiment not in cell.uses:
                        cell.uses.append(experiment)
    return list(cells.values())


# One core's CPU seconds per sample (training step; evaluation) and of a
# run's compile (train step and evaluation functions) and a sweep's start,
# from the CPU time of full-size pilot cells and quick runs on this
# machine's cores (AMD EPYC, AVX2; docs/reproduce.md). The progress line's
# ETA rescales them by the times measured as the run goes.
COSTS = {
    "mlp": dict(train=1 / 16000, evaluate=1 / 20000, compile=4.0, sweep_start=2.0),
    "mlp_digits": dict(train=1 / 30000, evaluate=1 / 40000, compile=3.9,
                       sweep_start=1.5),
    "papercnn": dict(train=1 / 330, evaluate=1 / 650, compile=10.0,
                     sweep_start=5.0),
}


def estimate_seconds(config: Dict) -> float:
    """One core's seconds for a cell, from COSTS."""
    cost = COSTS[config["model"]]
    train = config["train_samples"]
    held = round(config["validation_fraction"] * train)
    evaluated = (min(config["train_eval_samples"], train - held) + held
                 + config["test_samples"])
    seconds = (cost["compile"] + config["epochs"] * (
        (train - held) * cost["train"] + evaluated * cost["evaluate"])
        + config["test_samples"] * cost["evaluate"])  # the summary's exact eval
    if config["sweep"]:
        seconds += cost["sweep_start"] + len(config["sweep"]) * (
            config["test_samples"] * cost["evaluate"])
    return seconds
