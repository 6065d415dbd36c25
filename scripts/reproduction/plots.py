"""The report's figures (matplotlib, Agg): one PNG per experiment."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _save(fig, path):
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def fig2(rows_by_dataset, path):
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, rows in rows_by_dataset.items():
        rows = [r for r in rows if r["accuracy"].n]
        ax.errorbar([r["w"] for r in rows], [r["accuracy"].mean for r in rows],
                    yerr=[r["accuracy"].std for r in rows], marker="o",
                    ms=3, capsize=2, label=name)
    ax.set_xlabel("multiplier width w (bits, inference)")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title("Fig. 2: exact-trained models on the approximate multiplier")
    ax.legend()
    _save(fig, path)


def fig3(rows_by_dataset, path):
    fig, (ax, gain) = plt.subplots(1, 2, figsize=(10, 4))
    for name, rows in rows_by_dataset.items():
        if not rows:
            continue
        w = [r["w_inference"] for r in rows]
        ax.errorbar(w, [r["best"].mean for r in rows],
                    yerr=[r["best"].std for r in rows], marker="o", ms=3,
                    capsize=2, label=f"{name}: best training width (labelled; 24 = exact)")
        ax.errorbar(w, [r["exact_trained"].mean if r["exact_trained"] else None
                        for r in rows], marker="x", ms=4, ls="--",
                    label=f"{name}: exact-trained")
        for r in rows:
            ax.annotate(str(r["best_w_train"]), (r["w_inference"], r["best"].mean),
                        fontsize=7, textcoords="offset points", xytext=(0, 5))
    any_rows = next((rows for rows in rows_by_dataset.values() if rows), [])
    w = [r["w_inference"] for r in any_rows]
    gain.plot(w, [r["energy_gain"] for r in any_rows], marker="o", label="energy efficiency")
    gain.plot(w, [r["speedup"] for r in any_rows], marker="s", label="speed-up")
    ax.set_xlabel("inference width w (labels: best training width)")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title("Fig. 3: accuracy at each inference width")
    ax.legend(fontsize=7)
    gain.set_xlabel("inference width w")
    gain.set_ylabel("gain over the exact multiplier (modelled)")
    gain.set_title("modelled multiply energy and speed")
    gain.legend()
    _save(fig, path)


def fig4(rows_by_dataset, path):
    names = [n for n, rows in rows_by_dataset.items() if rows]
    fig, axes = plt.subplots(2, max(1, len(names)), figsize=(5 * max(1, len(names)), 6),
                             squeeze=False)
    for col, name in enumerate(names):
        rows = rows_by_dataset[name]
        for policy, marker in (("uniform", "s"), ("optimal", "o"), ("adaptive", "^")):
            pts = [r for r in rows if r["policy"] == policy and r["edp_gain"].n]
            w = [r["w_final"] for r in pts]
            axes[0][col].plot(w, [r["edp_gain"].mean for r in pts], marker=marker,
                              label=policy)
            axes[1][col].errorbar(w, [r["loss"].mean for r in pts],
                                  yerr=[r["loss"].std for r in pts], marker=marker,
                                  capsize=2, label=policy)
        axes[0][col].set_title(f"Fig. 4, {name}")
        axes[0][col].set_ylabel("modelled training EDP gain (x)")
        axes[1][col].set_ylabel("quality loss vs exact (pp)")
        axes[1][col].set_xlabel("final multiplier width w")
        axes[0][col].legend(fontsize=7)
    _save(fig, path)
