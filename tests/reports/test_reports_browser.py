"""The HTML report in a real browser: headless system Chromium driven by Playwright.

Checks highlights, filters (with and without JavaScript), links, keyboard
access, that no script from the manuscript runs and that the CSP blocks one
even if escaping had failed, and that the page makes no network request.
Screenshots go to the test's tmp dir and, when it exists, to /work/screens/.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from reports import html as html_report
from reports.options import RenderOptions

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENS = Path("/work/screens")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)", allow_module_level=True)


@pytest.fixture(scope="module")
def playwright():
    with sync_api.sync_playwright() as p:
        yield p


def _open(playwright, tmp_path: Path, markup: str, *, javascript: bool = True):
    report_file = tmp_path / "report.html"
    report_file.write_text(markup, encoding="utf-8")
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=FLAGS,
        java_script_enabled=javascript,
        viewport={"width": 1400, "height": 1000},
    )
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.goto(report_file.as_uri())
    return context, page, requests, console


def _markup(sample, rules) -> str:
    buf = io.StringIO()
    html_report.render(sample.report, buf, options=RenderOptions(source_text=sample.text, rules=rules))
    return buf.getvalue()


def _shoot(page, tmp_path: Path, name: str, **kw) -> None:
    page.screenshot(path=str(tmp_path / name), **kw)
    if SCREENS.is_dir():
        page.screenshot(path=str(SCREENS / name), **kw)


def test_report_in_browser(playwright, tmp_path, sample, rules):
    context, page, requests, console = _open(playwright, tmp_path, _markup(sample, rules))
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert all(url.startswith(("file://", "data:")) for url in requests), requests
        assert not [m for m in console if "Content Security Policy" in m], console
        assert page.locator(".manuscript mark.claim").count() == len(sample.report.claims)
        assert "v-error" in page.locator("#claim-c2").get_attribute("class")
        backgrounds = {
            v: page.locator(f"#claim-{c}").evaluate("e => getComputedStyle(e).backgroundColor")
            for v, c in (("warning", "c1"), ("error", "c2"), ("info", "c3"), ("none", "c6"))
        }
        assert len(set(backgrounds.values())) == 4, backgrounds
        # the manuscript's own "script" is shown as text
        assert "<script>window.__pwned = 1</script>" in page.locator(".manuscript").inner_text()
        assert page.locator("#shown-count").inner_text() == "7 of 7 findings shown"  # our hashed script ran

        page.locator("a.marker", has_text="[1]").click()
        assert page.evaluate("location.hash") == "#ref-1"
        assert page.locator("#ref-1").is_visible()
        page.locator("#claim-c1 a.verdict").click()
        target = page.evaluate("location.hash")[1:]
        assert "OVR002" in page.locator(f"#{target}").inner_text()
        _shoot(page, tmp_path, "report-full.png", full_page=True)

        info = page.locator(".finding.sev-info")
        assert info.count() == 3 and info.first.is_visible()
        page.locator("#flt-sev-info").uncheck()
        assert not info.first.is_visible()
        assert page.locator("#shown-count").inner_text() == "4 of 7 findings shown"
        page.locator("#flt-rule-OVR002").uncheck()
        assert not page.locator(".finding.rule-OVR002").is_visible()
        assert page.locator("#shown-count").inner_text() == "3 of 7 findings shown"
        _shoot(page, tmp_path, "report-filtered.png")
    finally:
        context.close()


def test_keyboard_navigation(playwright, tmp_path, sample, rules):
    context, page, _, _ = _open(playwright, tmp_path, _markup(sample, rules))
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to findings"
        reached = []
        for _ in range(12):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.className || document.activeElement.tagName"))
        # nav links, the scrollable manuscript, then each flagged claim's icon and each marker in text order
        # (the dangling marker is not a link, so it is skipped; [2,3]'s extra key "3" is a plain link)
        assert reached[:10] == ["A"] * 4 + [
            "manuscript",
            "verdict v-warning",
            "marker",
            "verdict v-error",
            "verdict v-info",
            "marker",
        ], reached
        page.keyboard.press("Enter")  # follow the focused link
        assert page.evaluate("location.hash") != ""
        _shoot(page, tmp_path, "report-focus.png")
        page.keyboard.press("Shift+Tab")
        page.locator("a.skip").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#findings"
        page.set_viewport_size({"width": 420, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 421  # no sideways scrolling
        _shoot(page, tmp_path, "report-narrow.png", full_page=True)
    finally:
        context.close()


def test_filters_and_reading_work_without_javascript(playwright, tmp_path, sample, rules):
    context, page, _, _ = _open(playwright, tmp_path, _markup(sample, rules), javascript=False)
    try:
        assert page.locator("#shown-count").inner_text() == "7 findings"
        assert page.locator(".finding.sev-error").first.is_visible()
        page.locator("#flt-sev-error").uncheck()
        assert not page.locator(".finding.sev-error").first.is_visible()
        assert page.locator(".finding.sev-warning").first.is_visible()
        page.locator(".finding.sev-warning details summary").first.click()
        assert page.locator("details[open]").count() == 1
    finally:
        context.close()


def test_csp_blocks_injected_script_even_if_escaping_failed(playwright, tmp_path, sample, rules):
    markup = _markup(sample, rules).replace(
        "<main>",
        '<main><script>window.__pwned = 9</script><img src="x" onerror="window.__pwned = 8">'
        '<a id="js" href="javascript:window.__pwned = 7">x</a>',
        1,
    )
    context, page, requests, console = _open(playwright, tmp_path, markup)
    try:
        page.locator("#js").click()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert any("Content Security Policy" in m for m in console), console
        assert any("img-src" in m for m in console), console  # the image load was refused too
    finally:
        context.close()


NO_LIST = (
    "# A review\n\nKetamine lifts mood within hours in adults [1]. Relapse follows within a month in most "
    "patients [2].\n\n" + "\n\n".join(f"Ketamine finding {i} was replicated in adults [{i + 2}]." for i in range(40))
)


@pytest.mark.parametrize("width", [1280, 420])
def test_editor_layout_at_desktop_and_phone_width(playwright, tmp_path, width):
    """Document-level problems on the first screen, no inner scroll box in either pane, no sideways
    scrolling, and quiet markers when there is no reference list."""
    from helpers import analyze_text

    report = analyze_text(NO_LIST, ["ALL"])
    buf = io.StringIO()
    html_report.render(report, buf, options=RenderOptions(source_text=NO_LIST))
    context, page, _, _ = _open(playwright, tmp_path, buf.getvalue())
    try:
        page.set_viewport_size({"width": width, "height": 900})
        banner = page.locator("#document-problems")
        assert banner.is_visible() and banner.bounding_box()["y"] < 900  # on the first screen
        assert "no reference list" in banner.inner_text()
        for pane in (".manuscript", "#findings-panel"):
            sizes = page.locator(pane).evaluate("e => [e.scrollHeight, e.clientHeight, getComputedStyle(e).overflowY]")
            assert sizes[0] <= sizes[1] + 1 and sizes[2] == "visible", (pane, sizes)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        marker = page.locator(".marker.unresolved").first
        assert marker.evaluate("e => getComputedStyle(e).textDecorationStyle") != "wavy"
        assert page.locator(".marker .missing").count() == 0
        claim = page.locator("#claim-c1")
        assert "v-not-checked" in claim.get_attribute("class")
        assert claim.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"  # no tint
        _shoot(page, tmp_path, f"editor-{width}.png")
    finally:
        context.close()
