"""The HTML report in a real browser: headless Chromium driven through Selenium.

Checks from the live DOM that every finding is highlighted with its kind, that each
tooltip carries its text and shows on keyboard focus and on hover, that the print view
shows the notes and hides the tooltips, and that a hostile article runs no script.
Screenshots are saved under tests/artifacts/ (git-ignored) for a person to look at.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them) and the ``selenium`` test dependency; skips with the reason when either is
missing. Nothing is downloaded: the driver is given by path, so Selenium Manager never
runs, and Chromium starts with its background networking off.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from framing.render import has_attribution_data
from framing.render.html import render_html
from framing.report import Report, analyse

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
TABLOID = ROOT / "corpora" / "articles" / "harbour-strike-tabloid.txt"

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None)
CHROMEDRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and os.path.exists(p)),
                    None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="headless browser test needs Chromium and its driver: apt-get install chromium chromium-driver",
)

HOSTILE = (
    "Breaking <script>alert(1)</script> news from the \"><img src=x onerror=alert(1)> town hall.\n\n"
    "Officials <script>window.__pwned = 'script'; document.title = 'PWNED';</script> said the mob was "
    "\"a disgrace\".\n\n"
    "Critics say \"><img src=x onerror=\"window.__pwned='img';document.title='PWNED'\"> the plan failed "
    "<svg onload=\"window.__pwned='svg'\"></svg> and <iframe src=\"javascript:window.top.__pwned='iframe'\"></iframe>.\n\n"
    "</p></div></main><script>window.__pwned='late'</script><style>body{display:none}</style> The end."
)

_FIND_MARKS = """
const shown = node => Array.from(node.childNodes).map(n => n.nodeType === 3 ? n.textContent
  : (n.classList && (n.classList.contains('tip') || n.classList.contains('tags'))) ? '' : shown(n)).join('');
return Array.from(document.querySelectorAll('mark.f[id]'))
  .filter(m => !m.closest('.legend'))
  .map(m => {
    const tip = document.getElementById(m.getAttribute('aria-describedby'));
    return {kind: m.dataset.kind, voice: m.dataset.voice, category: m.dataset.category, id: m.id,
            tabindex: m.getAttribute('tabindex'), tip: tip ? tip.textContent : null,
            tipRole: tip ? tip.getAttribute('role') : null,
            // a highlight that crosses another is closed and reopened: join its pieces
            text: [m, ...document.querySelectorAll(`mark[data-of="${m.id}"]`)].map(shown).join('')};
  });
"""


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency: pip install '.[test]'")
    from selenium.webdriver.chrome.service import Service

    patch = pytest.MonkeyPatch()
    patch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch a driver or a browser
    profile = tempfile.mkdtemp(prefix="framing-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--hide-scrollbars", "--window-size=1280,2000", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except Exception as exc:  # a broken install: say so rather than fail obscurely
        pytest.skip(f"Chromium could not be started: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    patch.undo()
    shutil.rmtree(profile, ignore_errors=True)


def _open(browser, report: Report, tmp_path: Path, name: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(render_html([report]), encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.get(page.as_uri())
    return page


def _screenshot(browser, name: str) -> Path:
    """A full-page screenshot in tests/artifacts/NAME.png (whatever tooltip has focus
    or the pointer stays visible in it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, height = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": int(width), "height": min(int(height), 16000), "scale": 1}})
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    assert path.stat().st_size > 10_000
    return path


def _check_highlights(browser, report: Report) -> list[dict]:
    marks = browser.execute_script(_FIND_MARKS)
    findings = report.findings
    finding_marks = [m for m in marks if m["kind"] in {f.kind for f in findings}]
    assert [(m["kind"], m["text"]) for m in finding_marks] == [(f.kind, f.text) for f in findings]
    for mark, finding in zip(finding_marks, findings):
        assert mark["tabindex"] == "0" and mark["tipRole"] == "tooltip"
        assert finding.explanation in mark["tip"]
        assert finding.category.replace("_", " ") in mark["tip"]
        assert mark["voice"] == finding.voice
    return marks


def _check_keyboard_and_hover(browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(60):
        active = browser.switch_to.active_element
        if active.tag_name == "mark" and not browser.execute_script("return arguments[0].closest('.legend')", active):
            break
        active.send_keys(Keys.TAB)
    else:
        pytest.fail("no highlight reached with the Tab key")
    tip = browser.find_element(By.ID, active.get_attribute("aria-describedby"))
    assert tip.is_displayed(), "the tooltip shows on keyboard focus"
    assert len(tip.text) > 20
    assert browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle") != "none"
    marks = [m for m in browser.find_elements(By.CSS_SELECTOR, "mark.f[id]")
             if not browser.execute_script("return arguments[0].closest('.legend')", m)]
    other = marks[-1]
    ActionChains(browser).move_to_element(other).perform()
    hover_tip = browser.find_element(By.ID, other.get_attribute("aria-describedby"))
    assert hover_tip.is_displayed(), "the tooltip shows on hover"


def _check_print_view(browser) -> bytes:
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    notes = [n for n in browser.find_elements(By.CSS_SELECTOR, ".notes")]
    assert notes and all(n.is_displayed() for n in notes), "print shows the notes under each paragraph"
    assert not any(t.is_displayed() for t in browser.find_elements(By.CSS_SELECTOR, ".tip"))
    assert not browser.find_element(By.CSS_SELECTOR, ".toolbar").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    assert pdf.startswith(b"%PDF")
    return pdf


def test_corpus_article_in_the_browser(browser, tmp_path):
    report = analyse(TABLOID.read_text(encoding="utf-8"), source="corpora/articles/harbour-strike-tabloid.txt")
    _open(browser, report, tmp_path, "tabloid")
    assert browser.title == "Framing report: corpora/articles/harbour-strike-tabloid.txt"
    marks = _check_highlights(browser, report)
    assert {m["kind"] for m in marks} >= {"loaded_language", "generalisation", "hedge"}
    assert any(m["voice"] == "quoted" for m in marks)
    quoted_regions = browser.execute_script(
        "return Array.from(document.querySelectorAll('.text .quote')).map(q => getComputedStyle(q).fontStyle)")
    assert quoted_regions and set(quoted_regions) == {"italic"}
    _check_keyboard_and_hover(browser)
    pdf = _check_print_view(browser)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "harbour-strike-tabloid.pdf").write_bytes(pdf)
    _screenshot(browser, "harbour-strike-tabloid")


def test_sample_article_in_the_browser(browser, tmp_path, sample_text):
    report = analyse(sample_text, source="bajwa-iran-border.txt")
    _open(browser, report, tmp_path, "sample")
    marks = _check_highlights(browser, report)
    shown = {(m["kind"], m["text"], m["voice"]) for m in marks}
    assert ("loaded_language", "infested", "author") in shown
    assert ("loaded_language", "Terrorist", "author") in shown
    assert ("loaded_language", "subversive", "author") in shown
    assert ("loaded_language", "terrorist", "quoted") in shown
    assert ("loaded_language", "imperialist", "quoted") in shown
    assert ("loaded_language", "claimed", "author") in shown
    assert ("generalisation", "It is a common knowledge", "author") in shown
    margins = browser.execute_script("return Array.from(document.querySelectorAll('.margin')).map(m => m.innerText)")
    assert len(margins) == 17 and "heading" in margins[14] and "not scored" in margins[16]
    assert all("grade" in margins[i] for i in range(14))
    assert has_attribution_data(report)
    summary = browser.execute_script("return document.querySelector('.summary').innerText")
    assert "Islamic Republic News Agency" in summary and "Dawn" in summary
    assert "Who speaks" in summary and "Voice gap: talked about, never heard" in summary
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.sources tbody th')).map(th => th.innerText)")
    assert [r.split(" (")[0] for r in rows] == [s.name for s in report.summary.balance.sources]
    bars = browser.execute_script(
        "return Array.from(document.querySelectorAll('.chart rect.bar')).map(b => b.getBoundingClientRect().width)")
    assert len(bars) == len(rows) >= 2 and bars == sorted(bars, reverse=True) and bars[0] > 0
    parts = {(m["kind"], m["text"]) for m in marks if m["kind"] in ("source", "cue")}
    assert {("source", "IRNA"), ("cue", "reported"), ("source", "the daily Dawn"), ("cue", "According to")} <= parts
    _check_keyboard_and_hover(browser)
    _check_print_view(browser)
    _screenshot(browser, "bajwa-iran-border")


def test_hostile_article_runs_no_script(browser, tmp_path):
    report = analyse(HOSTILE, source="<script>window.__pwned='source'</script>.txt")
    _open(browser, report, tmp_path, "hostile")
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - no alert(1) was raised
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title == "Framing report: <script>window.__pwned='source'</script>.txt"
    dom = browser.execute_script("""return {
        scripts: document.scripts.length,
        imgs: document.querySelectorAll('img').length,
        iframes: document.querySelectorAll('iframe').length,
        handlers: Array.from(document.querySelectorAll('*')).filter(
            e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
        styles: document.querySelectorAll('style').length,
        bodyShown: getComputedStyle(document.body).display !== 'none',
        article: Array.from(document.querySelectorAll('.text')).map(p => p.textContent),
    }""")
    assert dom["scripts"] == 0 and dom["imgs"] == 0 and dom["iframes"] == 0 and dom["handlers"] == 0
    assert dom["styles"] == 1 and dom["bodyShown"]
    shown = "\n".join(dom["article"])
    assert "<script>alert(1)</script>" in shown
    assert '"><img src=x onerror=alert(1)>' in shown
    _screenshot(browser, "hostile-article")
