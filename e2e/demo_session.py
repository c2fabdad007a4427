"""Signing in as one of the demo's users (password from the demo, second factor skipped, as
the demo allows)."""

from __future__ import annotations

from playwright.sync_api import Page

DEMO_PASSWORD = "approdo-demo-2026"


def sign_in(page: Page, username: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("Login").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("mfa-skip").click()
