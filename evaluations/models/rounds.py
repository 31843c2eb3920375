"""Evaluation rounds: questionnaire, invitations, anonymous responses, computed scores."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ComputationStatus,
    ItemKind,
    PairedWithheld,
    RoundKind,
    RoundStatus,
)
from ..querysets import (
    EvaluationRoundQuerySet,
    InvitationQuerySet,
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EvaluationRound(models.Model):
    """A round of the evaluation questionnaire for one or more networks."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    networks = models.ManyToManyField(
        "networks.Network", verbose_name=_("networks"), related_name="evaluation_rounds"
    )
    is_published = models.BooleanField(_("report published to members"), default=False)
    scores_status = models.CharField(
        _("score computation"),
        max_length=10,
        choices=ComputationStatus.choices,
        default=ComputationStatus.PENDING,
    )
    scores_computed_at = models.DateTimeField(_("scores computed at"), null=True, blank=True)
    scores_error = models.TextField(_("computation error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    baseline_round = models.ForeignKey(
        "self",
        verbose_name=_("linked to the baseline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="linked_rounds",
        limit_choices_to={"kind": RoundKind.BASELINE},
        help_text=_(
            "A follow-up round linked to its nulmeting pairs each respondent's answers with "
            "her baseline answers through a pseudonym."
        ),
    )

    objects = EvaluationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="round_closes_after_opening",
                violation_error_message=_("The closing date cannot be before the opening date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:round-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_baseline(self) -> bool:
        return self.kind == RoundKind.BASELINE

    @property
    def pairing_chain_id(self) -> int | None:
        """The nulmeting whose pseudonyms this round's responses carry: its own id for a
        nulmeting (a later round may link to it), its baseline's for a linked round, None
        for a round that is paired with nothing (its responses keep no pseudonym)."""
        return self.pk if self.is_baseline else self.baseline_round_id


class Item(models.Model):
    """One question of a round's questionnaire."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text = models.CharField(_("question"), max_length=300)
    shared_with_network = models.BooleanField(
        _("results shown to the network's members"), default=False
    )

    class Meta:
        ordering = ["round", "position"]
        verbose_name = _("questionnaire item")
        verbose_name_plural = _("questionnaire items")
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="item_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind == ItemKind.SCALE


class Invitation(models.Model):
    """A member's personal single-use link for a round. Records only that it was used, never
    which response came from it, so nobody can see who answered what."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="evaluation_invitations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_invitations",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    is_used = models.BooleanField(_("used"), default=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "network", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "network", "person"], name="invitation_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:respond", kwargs={"token": self.token})


class Response(models.Model):
    """One filled-in questionnaire. Deliberately holds no link to a person and no time.

    `access_key` lets the personal link find the response again to continue or change it: an
    HMAC of the link's token with a key kept in the settings, not in the database, so the
    database alone cannot tie a response to an invitation (docs: EVALUATION_RESPONSE_KEY).
    Only sent responses count in the figures; a saved one waits for its owner.

    `pseudonym` (nulmetingen and the rounds linked to them only) pairs a person's responses
    across those rounds: an HMAC of the nulmeting, the network and the person with
    EVALUATION_PSEUDONYM_KEY, a secret kept in the settings. No table maps people to
    pseudonyms, and without the key the database cannot compute one (`paired.pseudonym`)."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    access_key = models.CharField(
        _("access key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    is_sent = models.BooleanField(_("sent"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # NULL rather than "": the unique constraint below skips responses without one.
    pseudonym = models.CharField(  # noqa: DJ001
        _("pseudonym"), max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            # One response per person and network in a round, also when two devices send at
            # once: a pair is never counted twice.
            models.UniqueConstraint(
                fields=["round", "pseudonym"],
                condition=Q(pseudonym__isnull=False),
                name="response_unique_pseudonym",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.network}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(
        _("value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("answer"), blank=True)
    dont_know = models.BooleanField(_("don't know / not applicable"), default=False)
    # In a round linked to a nulmeting: the same person's value for the item with this item's
    # code in her sent nulmeting response (matched by pseudonym), kept current whenever either
    # response is saved (services.scores.pairing.pair_with_baseline). Empty when there is no
    # such pair. The scores count the pairs from it in the same GROUP BY as every other figure
    # instead of joining two sets of answers (docs/architecture.md, Evaluations).
    baseline_value = models.PositiveSmallIntegerField(
        _("baseline value"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_unique_item"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="answer_value_on_scale",
                violation_error_message=_("Choose a value from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(dont_know=False) | Q(value__isnull=True),
                name="answer_dont_know_has_no_value",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True)
                | Q(value__isnull=False, baseline_value__gte=1, baseline_value__lte=5),
                name="answer_baseline_value_pairs_a_value",
            ),
        ]

    def __str__(self) -> str:
        # Never the answer itself: the management site lists related objects by this text
        # (a network's delete page lists every answer), and an answer is shown only under the
        # small-group rule (evaluations/privacy.py).
        return f"#{self.pk}: {self.item}"


class RoundResult(models.Model):
    """Computed response figures of a round for one network, or overall (network empty)."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="results"
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_results",
    )
    invited = models.PositiveIntegerField(_("invited"))
    responded = models.PositiveIntegerField(_("responded"))
    response_rate = models.FloatField(_("response rate"), null=True)
    is_withheld = models.BooleanField(_("withheld"), default=False)

    class Meta:
        ordering = ["round", "network__name"]
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "network"],
                condition=Q(network__isnull=False),
                name="result_unique_network",
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(network__isnull=True),
                name="result_unique_overall",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.network or _('overall')}"


class ItemScore(models.Model):
    """Computed figures for one scale item within a round result."""

    # No index of its own: the unique (result, item) index below starts with it, and every
    # national scores run inserts some 15,000 rows into both.
    result = models.ForeignKey(
        RoundResult,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="scores",
        db_index=False,
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="scores"
    )
    n = models.PositiveIntegerField(_("respondents"))
    dont_know = models.PositiveIntegerField(_("don't know / not applicable"), null=True)
    mean = models.FloatField(_("mean"), null=True)
    sd = models.FloatField(_("standard deviation"), null=True)
    distribution = models.JSONField(_("distribution"), default=list)
    share_agreeing = models.FloatField(_("share agreeing"), null=True)
    is_withheld = models.BooleanField(_("withheld"), default=False)
    baseline_n = models.PositiveIntegerField(_("respondents at baseline"), null=True)
    baseline_mean = models.FloatField(_("baseline mean"), null=True)
    change = models.FloatField(_("change against baseline"), null=True)
    effect_size = models.FloatField(_("effect size (Cohen's d)"), null=True)
    # Change per person (linked rounds): the people who answered the item in both rounds.
    paired_n = models.PositiveIntegerField(_("pairs"), null=True)
    paired_change = models.FloatField(_("mean change per person"), null=True)
    paired_ci_low = models.FloatField(_("confidence interval, low"), null=True)
    paired_ci_high = models.FloatField(_("confidence interval, high"), null=True)
    paired_effect_size = models.FloatField(_("paired effect size (d_z)"), null=True)
    paired_withheld = models.CharField(
        _("paired change withheld"),
        max_length=10,
        choices=PairedWithheld.choices,
        blank=True,
        default="",
    )

    class Meta:
        ordering = ["result", "item__position"]
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(fields=["result", "item"], name="score_unique_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.mean}"
