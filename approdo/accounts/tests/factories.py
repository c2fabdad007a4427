"""Users with memberships, for tests."""

from __future__ import annotations

import factory

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role

TEST_PASSWORD = "una-password-lunga-di-prova"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utente{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.CASE_WORKER


def user_with_role(role: str, **scope: object) -> User:
    """A user holding one active membership (scope: node=, managing_body= or region=)."""
    membership = MembershipFactory.create(role=role, **scope)
    assert isinstance(membership, Membership)
    return membership.user


def give_totp(user: User) -> str:
    """Activate a TOTP authenticator for `user`; returns the base32 secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show right now for `secret`."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
