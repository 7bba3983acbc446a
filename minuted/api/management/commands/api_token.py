from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from minuted.accounts.models import User
from minuted.api.models import ApiToken
from minuted.api.tokens import issue_token, revoke_token
from minuted.governance.models import Board


class Command(BaseCommand):
    help = (
        "Create, list and revoke tokens for the JSON API (docs/api.md). A token acts for its "
        "owner on one board: it may change what the owner may change there, nothing more. "
        "Users usually create their own at /manage/me/api-tokens/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser(
            "create", help="issue a token for one board (--board SLUG, required) and print it, once"
        )
        create.add_argument("email", help="the e-mail address of the user the token acts for")
        create.add_argument("name", help="what the token is for, e.g. 'Committee import'")
        create.add_argument(
            "--board",
            required=True,
            metavar="SLUG",
            help="the board the token may write to; its owner must be a clerk of it "
            "(or an administrator)",
        )
        listing = commands.add_parser("list", help="list tokens (never the tokens themselves)")
        listing.add_argument("email", nargs="?", help="only this user's tokens")
        revoke = commands.add_parser("revoke", help="revoke a token for good")
        revoke.add_argument("prefix", help="the token's first characters, as `list` shows them")

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["command"]
        if command == "create":
            self.create(options["email"], options["name"], options["board"])
        elif command == "list":
            self.list(options["email"])
        else:
            self.revoke(options["prefix"])

    def create(self, email: str, name: str, slug: str) -> None:
        owner = User.objects.filter(email__iexact=email).first()
        if owner is None:
            raise CommandError(f"No user has the e-mail address {email!r}.")
        boards = list(Board.objects.filter(slug=slug).select_related("organisation"))
        if len(boards) != 1:
            raise CommandError(f"{len(boards)} boards have the slug {slug!r}: give one board's.")
        try:
            record, token = issue_token(owner, name, boards[0])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Token {record.prefix}… for {owner.email} on {boards[0].name} ({record.name}):\n"
        )
        self.stdout.write(token)
        self.stdout.write(
            "\nCopy it now: it is not stored and cannot be shown again. Send it as the header "
            "'Authorization: Bearer <token>'."
        )

    def list(self, email: str | None) -> None:
        tokens = ApiToken.objects.select_related("owner", "board").order_by(
            "owner__email", "created"
        )
        if email:
            tokens = tokens.filter(owner__email__iexact=email)
        for t in tokens:
            used = f"last used {t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never used"
            state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
            board = t.board.slug if t.board else "(no board: may write nothing)"
            self.stdout.write(
                f"{t.prefix}…  {t.owner.email}  {board}  {t.name!r}  "
                f"created {t.created:%Y-%m-%d}, {used}, {state}"
            )
        if not tokens:
            self.stdout.write("No tokens.")

    def revoke(self, prefix: str) -> None:
        prefix = prefix.rstrip("….")
        matches = list(ApiToken.objects.filter(prefix__startswith=prefix, revoked_at__isnull=True))
        if len(prefix) < 8 or len(matches) != 1:
            raise CommandError(
                f"{len(matches)} active tokens start with {prefix!r}: give the prefix that "
                "`api_token list` shows."
            )
        revoke_token(matches[0])
        self.stdout.write(f"Token {matches[0].prefix}… ({matches[0].name}) is revoked.")
