from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    # A model change without its migration would deploy a schema that does not match.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
