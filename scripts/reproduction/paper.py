"""The paper's numbers (../shared/paper/framnn-paper.txt), transcribed, and
the mapping of its datasets to the stand-ins that run offline here."""

COLUMNS = ["MNIST", "ISOLET", "HAR", "CIFAR-10", "CIFAR-100", "PASCAL"]

# Table I: accuracy (%) at a 16-bit multiplier.
TABLE1 = {
    "Exact": [98.5, 96.4, 98.3, 85.6, 70.6, 57.7],
    "Approx. training": [96.8, 93.7, 96.6, 80.9, 65.2, 51.0],
    "FramNN": [98.5, 95.4, 97.8, 84.0, 68.7, 55.5],
}

# Table II (N = 16): accuracy loss (%) against exact training and EDP gain.
TABLE2 = {
    "Uniform": {"loss": [0.3, 0.7, 0.8, 1.7, 4.7, 4.1],
                "edp": [3.4, 2.0, 3.6, 2.7, 2.4, 1.9]},
    "Linear": {"loss": [1.4, 1.9, 2.9, 4.4, 13.5, 11.6],
               "edp": [6.1, 4.4, 4.8, 4.0, 3.2, 2.7]},
}

# Table III: topologies and baseline error rates (%).
TABLE3 = {
    "MNIST": ("784, 512, 512, 10", 1.5),
    "ISOLET": ("617, 512, 512, 26", 3.6),
    "HAR": ("561, 512, 512, 19", 1.7),
    "CIFAR-10": ("Conv32x3x3, Conv32x3x3, Pool2x2, Conv64x3x3, Conv64x3x3, "
                 "512, 10", 14.4),
    "CIFAR-100": ("the same, 100 outputs", 42.3),
    "PASCAL": ("the same + 1024, 1024, 20", 29.4),
}

# What each stand-in replaces, and why it is a stand-in only.
STAND_INS = {
    "fmnist-mlp": ("Fashion-MNIST (28x28 grey images, 10 classes), the paper "
                   "MLP 784-512-512-10", ["MNIST"],
                   "MNIST cannot be fetched here; Fashion-MNIST has its "
                   "format and is harder"),
    "digits-mlp": ("scikit-learn's digits (8x8 images, 10 classes, 1797 "
                   "samples), an MLP 64-512-512-10", ["ISOLET", "HAR"],
                   "the small-feature MLP case: ISOLET (617 features, 26 "
                   "classes) and HAR (561 features, 19 classes) cannot be "
                   "fetched here"),
    "fmnist-cnn": ("Fashion-MNIST, Table III's CNN (Conv32, Conv32, Pool, "
                   "Conv64, Conv64, Pool, 512, 10) on 1x28x28 inputs",
                   ["CIFAR-10", "CIFAR-100", "PASCAL"],
                   "CIFAR and PASCAL cannot be fetched here; the same "
                   "convolutional topology on grey 28x28 images is a much "
                   "easier task"),
}


def paper_values(table_row, dataset):
    """The paper's values of a row for the columns a stand-in replaces."""
    return [table_row[COLUMNS.index(c)] for c in STAND_INS[dataset][1]]
