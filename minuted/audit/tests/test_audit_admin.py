from minuted.audit.models import AuditEntry
from minuted.audit.services import record

LIST = "/admin/audit/auditentry/"


def test_administrators_read_the_trail_in_the_admin_with_filters(client, world):
    record("pack.publish", summary="First publication", user=world.clerk)
    client.force_login(world.administrator)
    response = client.get(LIST, {"action": "pack.publish"})
    assert response.status_code == 200
    assert "First publication" in response.content.decode()


def test_the_admin_offers_no_add_change_or_delete(client, world):
    entry = record("pack.publish", summary="First publication")
    client.force_login(world.administrator)
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.get(f"{LIST}{entry.pk}/delete/").status_code == 403
    page = client.get(f"{LIST}{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # a view, not a form
    client.post(f"{LIST}{entry.pk}/change/", {"summary": "rewritten"})
    assert AuditEntry.objects.get(pk=entry.pk).summary == "First publication"


def test_clerks_cannot_open_the_trail_in_the_admin(client, world):
    client.force_login(world.clerk)
    response = client.get(LIST)
    # not staff: the admin sends them to its own sign-in page, showing nothing
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
