"""Django admin is the staff screen for governance data in this release."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from minuted.governance.models import Membership, MembershipRole
from minuted.testing import appoint, make_authority, make_person

GOVERNANCE_MODELS = [m for m in admin.site._registry if m._meta.app_label == "governance"]


def test_every_governance_model_has_an_admin():
    from django.apps import apps

    assert set(GOVERNANCE_MODELS) == set(apps.get_app_config("governance").get_models())


@pytest.mark.parametrize("model", GOVERNANCE_MODELS, ids=lambda m: m.__name__)
def test_the_administrator_can_list_and_add_each_model(client, world, model):
    client.force_login(world.administrator)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert client.get(changelist).status_code == 200
    assert client.get(add).status_code == 200


def test_the_admin_refuses_a_second_chair_with_a_message_beside_the_role(client, world):
    client.force_login(world.administrator)
    appoint(
        make_person(world.organisation),
        world.board,
        world.term,
        world.conservative,
        MembershipRole.CHAIR,
    )
    second = make_person(world.organisation)
    response = client.post(
        reverse("admin:governance_membership_add"),
        {
            "person": second.pk,
            "board": world.board.pk,
            "term": world.term.pk,
            "political_group": world.labour.pk,
            "authority": make_authority().pk,
            "role": MembershipRole.CHAIR,
            "voting_right": "on",
            "position": 0,
        },
    )
    assert response.status_code == 200  # the form again, not a redirect
    assert "is already the chair for these dates" in response.content.decode()
    assert not Membership.objects.filter(person=second).exists()


def test_a_clerk_without_staff_status_cannot_use_the_admin(client, world):
    client.force_login(world.clerk)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
