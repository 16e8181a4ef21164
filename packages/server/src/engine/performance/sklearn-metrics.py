"""Reference metrics for the performance integration test, computed by scikit-learn on the exported rows.

Reads JSON from stdin, one request or a list of them: {"task": "binary"|"multiclass"|"regression", "y_true": [...], "y_pred": [...],
"scores": [...] (binary only)}; prints the metrics under the names the API answers with.
Run with Debian's Python (SciPy 1.10.1, scikit-learn 1.2.1): /usr/bin/python3 sklearn-metrics.py < rows.json
"""

import json
import sys

import numpy as np
from sklearn import metrics


def binary(y_true, y_pred, scores):
    out = {
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "precision": metrics.precision_score(y_true, y_pred, zero_division=0),
        "recall": metrics.recall_score(y_true, y_pred, zero_division=0),
        "f1": metrics.f1_score(y_true, y_pred, zero_division=0),
        "balanced_accuracy": metrics.balanced_accuracy_score(y_true, y_pred),
        "matthews_correlation": metrics.matthews_corrcoef(y_true, y_pred),
    }
    tn, fp, fn, tp = metrics.confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    out["confusion_matrix"] = {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)}
    if scores is not None:
        s = np.asarray(scores, dtype=float)
        out["roc_auc"] = metrics.roc_auc_score(y_true, s)
        out["average_precision"] = metrics.average_precision_score(y_true, s)
        out["log_loss"] = metrics.log_loss(y_true, s, labels=[0, 1])
        out["brier"] = metrics.brier_score_loss(y_true, s)
        # Equal-width ECE over calibration_curve's 10 uniform bins, weighted by bin counts.
        edges = np.linspace(0.0, 1.0, 11)
        ids = np.searchsorted(edges[1:-1], s)
        counts = np.bincount(ids, minlength=10)
        sums = np.bincount(ids, weights=s, minlength=10)
        positives = np.bincount(ids, weights=np.asarray(y_true, dtype=float), minlength=10)
        nz = counts > 0
        out["ece"] = float(np.sum(counts[nz] / len(s) * np.abs(sums[nz] / counts[nz] - positives[nz] / counts[nz])))
    return out


def multiclass(y_true, y_pred):
    out = {"accuracy": metrics.accuracy_score(y_true, y_pred)}
    for average in ("macro", "micro", "weighted"):
        p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, average=average, zero_division=0)
        out[f"{average}_precision"] = p
        out[f"{average}_recall"] = r
        out[f"{average}_f1"] = f
    return out


def regression(y_true, y_pred):
    return {
        "mae": metrics.mean_absolute_error(y_true, y_pred),
        "mse": metrics.mean_squared_error(y_true, y_pred),
        "rmse": metrics.mean_squared_error(y_true, y_pred, squared=False),
        "mape": metrics.mean_absolute_percentage_error(y_true, y_pred),
        "r2": metrics.r2_score(y_true, y_pred),
        "max_error": metrics.max_error(y_true, y_pred),
    }


def answer(request):
    task = request["task"]
    if task == "binary":
        result = binary(request["y_true"], request["y_pred"], request.get("scores"))
    elif task == "multiclass":
        result = multiclass(request["y_true"], request["y_pred"])
    else:
        result = regression(request["y_true"], request["y_pred"])
    return {k: (float(v) if not isinstance(v, dict) else v) for k, v in result.items()}


def main():
    request = json.load(sys.stdin)
    json.dump([answer(r) for r in request] if isinstance(request, list) else answer(request), sys.stdout)


main()
