"""Scores of evaluation rounds: `writing` computes the rows, `running` runs computations."""

from .running import (
    compute_round_scores,
    compute_scores_of_rounds,
    recover_score_computations,
)

__all__ = ["compute_round_scores", "compute_scores_of_rounds", "recover_score_computations"]
