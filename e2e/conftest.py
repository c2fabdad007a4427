"""End-to-end journeys in Debian's chromium, driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = os.environ.get("APPRODO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the live server's database work
# happens in its own thread, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make e2e-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """Console messages about Content-Security-Policy violations seen by `page`."""
    return []


@pytest.fixture
def page(browser: Browser, live_server: Any, csp_violations: list[str]) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(15_000)

    def watch(message: Any) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    page.on("console", watch)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def new_page(
    browser: Browser, live_server: Any, csp_violations: list[str]
) -> Iterator[Callable[[], Page]]:
    """Open more pages, each in its own browser context (one per user signed in).

    CSP violations of every page land in `csp_violations`, as for `page`.
    """
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="it-IT")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def watch(message: Any) -> None:
            if "Content Security Policy" in message.text:
                csp_violations.append(message.text)

        page.on("console", watch)
        return page

    yield open_page
    for context in contexts:
        context.close()
