import csv
import io

import pytest

from minuted.audit.models import AuditEntry
from minuted.audit.services import record

URL = "/manage/audit.csv"


def read(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_administrators_download_the_trail_as_csv(client, world):
    record("pack.publish", summary="First publication", user=world.clerk, after={"number": 1})
    client.force_login(world.administrator)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = read(response)
    assert header[:3] == ["when", "who", "action"]
    published = [r for r in rows if r[2] == "pack.publish"]  # the world's accounts are there too
    assert [r[1] for r in published] == ["clerk@example.org"]
    assert published[0][8] == '{"number": 1}'  # the after summary, as JSON


@pytest.mark.parametrize("who", ["clerk", "member", "officer", "member_of_another_board"])
def test_everyone_else_signed_in_is_refused(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_a_formula_typed_at_sign_in_is_defused_in_the_csv(client, world):
    record("auth.login_failed", who_label='=HYPERLINK("http://x")')
    client.force_login(world.administrator)
    rows = [r for r in read(client.get(URL)) if r[2] == "auth.login_failed"]
    assert rows[0][1].startswith("'=")  # a spreadsheet shows it as text, not a formula


def test_the_export_reads_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    before = AuditEntry.objects.count()
    for n in range(30):
        record("test.event", summary=str(n))
    client.force_login(world.administrator)
    with django_assert_max_num_queries(6):
        assert len(read(client.get(URL))) == before + 31
