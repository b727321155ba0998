"""The content model for any leaflet: block types, contacts, references,
errors an author can act on, the schema, the starter, the extracted template."""
import datetime
import json
import re
import subprocess
import sys

import jsonschema
import polib
import pytest
import yaml

from leaflet import content, markup, schema, source
from leaflet.blocks import Callout, Figure, List, QR, Table
from leaflet.catalogs import checks, extract
from leaflet.catalogs.pofile import Entry
from leaflet.contacts import Hours
from leaflet.errors import LeafletError
from leaflet.dates import opening

from conftest import ROOT, SEED

CPC = ROOT / "content" / "child-protection-conference.yaml"
PF = ROOT / "content" / "private-fostering.yaml"
EXAMPLES = [SEED, CPC, PF]

BASE = """id: t
organisation: Test Council
front:
  title: T
  subtitle: S
sections:
  - id: s
    question: Q?
    answer:
{answer}
back:
  contacts:
    - id: duty
      name: Duty team
      telephone: 020 8547 6111
      email: duty@example.org.uk
{back}"""


def load(answer: str, back: str = "", name: str = "t.yaml"):
    return content.from_node(source.loads(BASE.format(answer=answer, back=back), name))


def error(answer: str, back: str = "") -> str:
    with pytest.raises(LeafletError) as exc:
        load(answer, back)
    return str(exc.value)


def test_every_block_type_parses_from_the_examples():
    cpc, pf = content.load(CPC), content.load(PF)
    kinds = {type(b).__name__ for lf in (cpc, pf) for body in [s.answer for s in lf.sections] + [lf.intro]
             for b in body}
    assert kinds == {"Block", "List", "Callout", "Table", "Figure", "QR"}
    agenda = cpc.sections[3].answer[1]
    assert isinstance(agenda, Table) and len(agenda.header) == 2 and len(agenda.rows) == 5
    who = cpc.sections[1].answer[1]
    assert isinstance(who, List) and not who.numbered and len(who.items[2].items) == 3
    danger = cpc.sections[0].answer[1]
    assert isinstance(danger, Callout) and danger.kind == "safety" and danger.title.text == "If a child is in danger now"
    dots = pf.sections[1].answer[-1]
    assert isinstance(dots, Figure) and dots.alt is None  # decorative
    code = cpc.intro[0]
    assert isinstance(code, QR) and code.size_mm >= 20 and code.label.startswith("www.gov.uk/")
    assert [c.id for c in cpc.contacts] == ["conference", "advice", "advocacy"]
    assert [p.kind for p in cpc.contacts[1].phones] == ["telephone", "out_of_hours", "relay_uk"]
    assert cpc.contacts[0].hours[1] == Hours((4,), datetime.time(9), datetime.time(16, 30))


def test_block_ids_are_stable_and_unique_in_every_example():
    for path in EXAMPLES:
        ids = [b.id for b in content.load(path).blocks()]
        assert len(ids) == len(set(ids)), path


def test_a_paragraph_of_the_seed_shape_is_still_a_block():
    lf = load("      - id: p\n        text: Hello **there**.")
    (p,) = lf.sections[0].answer
    assert p.id == "faq.s.p" and markup.plain(p.spans) == "Hello there."


def test_list_items_may_be_text_or_mappings_and_nest_once():
    lf = load("      - id: l\n        numbered:\n          - one\n          - text: two\n            id: second\n"
              "            items: [a, b]\n")
    (l,) = lf.sections[0].answer
    assert [i.text.id for i in l.items] == ["faq.s.l.1", "faq.s.l.second"]
    assert [i.text.id for i in l.items[1].items] == ["faq.s.l.second.1", "faq.s.l.second.2"]
    deep = error("      - id: l\n        list:\n          - text: a\n            items:\n              - text: b\n"
                 "                items: [c]\n")
    assert "unknown key 'items' (allowed here: text, id)" in deep
    assert "a nested list goes under an item" in error("      - id: l\n        list:\n          - a\n          - [b, c]\n")


@pytest.mark.parametrize("answer, message", [
    ("      - id: c\n        callout: warning\n        text: x", "'warning' is not a kind of callout (kinds: important, safety, tip)"),
    ("      - id: t\n        table:\n          header: [a]\n          rows: [[b]]", "a table has 2 to 4 columns"),
    ("      - id: t\n        table:\n          header: [a, b]\n          rows: [[b]]", "row 1 has 1 cells; the header has 2"),
    ("      - id: q\n        qr: https://example.org\n        size_mm: 12", "must be 20 to 60 (millimetres"),
    ("      - id: q\n        qr: http://example.org", "is not a web address starting with https://"),
    ("      - id: f\n        figure: nowhere.png\n        alt: x", "there is no file 'nowhere.png'"),
    ("      - id: f\n        figure: map.gif\n        alt: x", "is not a PNG, JPEG or SVG file"),
    ("      - id: x\n        bullets: [a]", "unknown key 'bullets' (allowed here: id, text, list, numbered, callout, table, figure, qr)"),
    ("      - id: x\n        text: a\n        list: [b]", "a block is one thing"),
    ("      - text: a", "missing required key 'id'"),
    ("      - just text", "each block is a mapping with an `id`"),
])
def test_block_mistakes_are_located_and_say_what_is_allowed(answer, message):
    got = error(answer)
    assert re.match(r"^t\.yaml:\d+: ", got), got
    assert message in got, got


def test_a_figure_needs_alt_text_unless_decorative(tmp_path):
    from PIL import Image
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "p.jpg")
    text = BASE.format(answer="      - id: f\n        figure: p.jpg", back="")
    (tmp_path / "t.yaml").write_text(text)
    with pytest.raises(LeafletError, match="a figure needs `alt:`.*or `decorative: true`"):
        content.load(tmp_path / "t.yaml")
    (tmp_path / "t.yaml").write_text(text + "")
    ok = text.replace("figure: p.jpg", "figure: p.jpg\n        alt: A blue box\n        caption: A caption\n        width_mm: 30")
    (tmp_path / "t.yaml").write_text(ok)
    fig = content.load(tmp_path / "t.yaml").sections[0].answer[0]
    assert (fig.alt.text, fig.caption.text, fig.width_mm) == ("A blue box", "A caption", 30.0)
    (tmp_path / "s.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                                    '<text x="1" y="9">Hi</text></svg>')
    (tmp_path / "t.yaml").write_text(ok.replace("p.jpg", "s.svg"))
    with pytest.raises(LeafletError, match="contains text: convert its text to outlines"):
        content.load(tmp_path / "t.yaml")


def test_references_resolve_to_the_contacts_linked_data():
    lf = load("      - id: p\n        text: Call {duty.telephone} or write to *{duty.email}*.")
    spans = lf.resolve(lf.sections[0].answer[0].spans)
    assert [(s.text, s.href, s.kind, s.italic) for s in spans if s.href] == [
        ("020 8547 6111", "tel:+442085476111", "phone", False),
        ("duty@example.org.uk", "mailto:duty@example.org.uk", "email", True)]
    assert "Keep {duty.telephone}, {duty.email} exactly as written" in lf.sections[0].answer[0].note


@pytest.mark.parametrize("text, message", [
    ("Call {nobody.telephone}.", "{nobody.telephone} refers to no contact 'nobody' (contacts: duty)"),
    ("Call {duty.mobile}.", "{duty.mobile}: a contact has no field 'mobile' to print (fields: name, postcode, telephone"),
    ("Call {duty.freephone}.", "{duty.freephone}: contact 'duty' has no freephone; add `freephone:` to it"),
])
def test_a_bad_reference_is_refused(text, message):
    assert message in error(f"      - id: p\n        text: {text}")


@pytest.mark.parametrize("text, hint", [
    ("Call 0808 800 5000 now.", "put the number in a contact (e.g. `telephone: 0808 800 5000` under contacts"),
    ("Write to help@example.org.", "write {duty.email} here"),
    ("See www.example.org for more.", "[the council's website](https://...)"),
    ("Call [the helpline](tel:+448081570123).", "write {duty.telephone} here"),
])
def test_contact_data_typed_into_prose_is_refused_with_how_to_reference_it(text, hint):
    got = error(f"      - id: p\n        text: {text}")
    assert "cannot be typed into text" in got and hint in got, got


def test_a_translation_must_keep_every_reference():
    english = "Call the duty team on {duty.telephone}."
    ok = Entry(english, "Ffoniwch y tîm ar {duty.telephone}.", "t:faq.s.p")
    assert checks.check_entry(ok, english, "cy.po") == []
    for bad in ("Ffoniwch y tîm.", "Ffoniwch {duty.freephone}.", "Ffoniwch {duty.telephone} {duty.telephone}.",
                "Ffoniwch 020 8547 6111."):
        problems = checks.check_entry(Entry(english, bad, "t:faq.s.p"), english, "cy.po")
        assert problems, bad


def test_contacts_have_only_what_they_use_and_several_mistakes_come_in_one_run():
    lf = load("      - id: p\n        text: x", back="    - id: bare\n")
    assert lf.contacts[1].phones == () and lf.contacts[1].name is None
    with pytest.raises(LeafletError) as exc:
        load("      - id: p\n        text: x", back="    - name: No id\n      mobile: 07700 900123\n"
             "    - id: two\n      telephone: [020 8547 6111, 020 8547 6112]\n")
    lines = str(exc.value).split("\nerror: ")
    assert len(lines) == 3, lines
    assert all(re.match(r"^t\.yaml:\d+: ", l) for l in lines), lines
    assert "unknown key 'mobile' (allowed here: id, name, role, team, address, postcode, telephone, freephone" in lines[0]
    assert "missing required key 'id'" in lines[1]
    assert "give one number here; for another number use another kind" in lines[2]
    assert "Node(" not in str(exc.value)


def test_every_missing_required_key_is_its_own_line():
    with pytest.raises(LeafletError) as exc:
        content.from_node(source.loads("id: t\nfront:\n  title: T\n", "t.yaml"))
    lines = str(exc.value).split("\nerror: ")
    assert lines == ["t.yaml:1: missing required key 'organisation'", "t.yaml:1: missing required key 'sections'",
                     "t.yaml:3: front: missing required key 'subtitle'"]


def test_a_misspelt_key_is_not_also_reported_missing():
    with pytest.raises(LeafletError) as exc:
        load("      - id: p\n        txt: x")
    assert str(exc.value).count("\n") == 0  # one line: not also "missing required key 'text'"
    assert "unknown key 'txt'" in str(exc.value) and "did you mean 'text'?" in str(exc.value)


def test_a_sentence_with_colon_space_gets_a_plain_explanation():
    with pytest.raises(LeafletError) as exc:
        load("      - id: p\n        text: Note: this breaks")
    assert "t.yaml:11: YAML syntax error: this line has a second ': ' in its text" in str(exc.value)
    assert "put the text in quotes" in str(exc.value)


def test_opening_hours_are_printed_in_each_language():
    week = Hours((0, 1, 2, 3, 4), datetime.time(9), datetime.time(17, 30))
    assert opening("en-GB", week) == "Monday–Friday: 09:00–17:30"
    assert opening("cy", week) == "Dydd Llun–Dydd Gwener: 09:00\u2009–\u200917:30"  # CLDR's spacing for Welsh
    assert opening("pl", Hours((0, 2), datetime.time(9), datetime.time(12))) == "poniedziałek i środa: 09:00–12:00"
    assert opening("ur", week).startswith("پیر–جمعہ")
    assert opening("fa", week).startswith("دوشنبه–جمعه")


def test_the_template_extracts_every_new_block_with_a_note():
    pot = polib.pofile(extract.pot_bytes(extract.template(content.load(CPC))).decode("utf-8"))
    by_ctx = {e.msgctxt.split(":", 1)[1]: e for e in pot}
    for ctx in ("faq.who-comes.list.3", "faq.who-comes.list.3.2", "faq.before.steps.1", "faq.what-is-it.danger.title",
                "faq.what-is-it.danger", "faq.after.complaints.2", "faq.on-the-day.agenda.h1",
                "faq.on-the-day.agenda.r5c2", "back.more.caption", "contact.conference.team"):
        assert ctx in by_ctx, ctx
        assert by_ctx[ctx].comment.strip(), ctx
    assert "numbered list" in by_ctx["faq.before.steps.1"].comment
    assert "Keep {advice.telephone} exactly as written" in by_ctx["faq.what-is-it.danger"].comment.replace("\n", " ")
    assert by_ctx["faq.what-is-it.danger"].msgid.endswith("on {advice.telephone}.")
    pf = polib.pofile(extract.pot_bytes(extract.template(content.load(PF))).decode("utf-8"))
    assert "private-fostering:faq.what-is-it.picture.alt" in {e.msgctxt for e in pf}
    assert all(not re.search(markup.PHONE.pattern, e.msgid) for e in pf)  # numbers are never in a msgid
    # the committed templates are current
    for path in (CPC, PF):
        lf = content.load(path)
        committed = polib.pofile(str(ROOT / "translations" / f"{lf.id}.pot"))
        assert [(e.msgctxt, e.msgid) for e in committed] == [(extract.context(lf, b), b.text) for b in lf.blocks()]


def plain_dates(value):
    if isinstance(value, dict):
        return {k: plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_dates(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_schema_is_committed_current_and_accepts_the_examples():
    assert (ROOT / "schema" / "leaflet.schema.json").read_text() == schema.text()
    assert "(?" not in schema.text()  # editors read patterns as ECMA-262: no Python inline flags
    s = schema.schema()
    jsonschema.Draft202012Validator.check_schema(s)
    validator = jsonschema.Draft202012Validator(s)
    for path in EXAMPLES:
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=../schema/leaflet.schema.json\n"), path
        assert list(validator.iter_errors(plain_dates(yaml.safe_load(text)))) == [], path
    bad = plain_dates(yaml.safe_load(CPC.read_text()))
    bad["sections"][0]["answer"][1]["callout"] = "warning"
    bad["back"]["contacts"][0]["mobile"] = "07700 900123"
    assert len(list(validator.iter_errors(bad))) >= 2


def test_schema_command_prints_it():
    done = subprocess.run([sys.executable, str(ROOT / "generate.py"), "schema"], capture_output=True, text=True)
    assert done.returncode == 0 and json.loads(done.stdout) == schema.schema()


def test_new_writes_a_starter_that_builds(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "generate.py"), *map(str, a)], capture_output=True,
                                    text=True, cwd=ROOT)
    done = run("new", "early-help", "--dir", tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "early-help.yaml").read_text()
    assert text.startswith("# yaml-language-server") and "{main.telephone}" in text and text.count("#") > 10
    done = run("build", tmp_path / "early-help.yaml", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "early-help" / "early-help.en.screen.pdf").exists()
    again = run("new", "early-help", "--dir", tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr
    assert run("new", "Early Help", "--dir", tmp_path).returncode == 2


def test_every_example_in_the_writing_guide_is_valid():
    import textwrap
    from leaflet.blocks import Maker, parse_body

    guide = (ROOT / "docs" / "writing-leaflets.md").read_text()
    snippets = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(snippets) >= 9
    blocks = 0
    for snippet in snippets:
        text = textwrap.dedent(snippet)
        if all(l.startswith("#") or not l.strip() for l in text.splitlines()):
            continue  # the schema comment
        node = source.loads(text, str(ROOT / "content" / "guide.yaml"))  # figures resolve under content/
        if text.startswith("- id:"):
            body = parse_body(node, "faq.x", Maker(), "in the guide")
            blocks += len(body)
    assert blocks == 8  # paragraph, list, numbered list, callout, table, two figures, QR
    full = re.search(r"```yaml\n(back:.*?)```", guide, re.S).group(1)
    lf = content.from_node(source.loads(BASE.format(answer="      - id: p\n        text: x", back="").split("back:")[0]
                                        + full, "g.yaml"))
    assert lf.contacts[0].hours and lf.contacts[0].phone("relay_uk").display == "18001 01632 960 200"


@pytest.mark.parametrize("text, message", [
    ("|-\n          Bring:\n          - your letter\n          - your ID", "looks like a list typed line by line"),
    ("|-\n          1. Read it\n          2. Sign it", "looks like a list typed line by line"),
    ("\"• one • two • three\"", "looks like a list typed line by line"),
    ("Service | Phone | Hours", "looks like a table typed with '|'"),
    (">-\n          Bring:\n          - your letter\n          - your ID", "looks like a list typed line by line"),
    (">-\n          Then:\n          1. read it\n          2. sign it", "looks like a list typed line by line"),
])
def test_lists_and_tables_typed_into_text_are_refused(text, message):
    assert message in error(f"      - id: p\n        text: {text}")


def test_ordinary_prose_with_dashes_and_numbers_is_not_mistaken_for_a_list():
    lf = load("      - id: p\n        text: >-\n          Between 9 - 5 we answer. In 2006 - and since -\n"
              "          it was 2. the rule.")
    assert lf.sections[0].answer[0].text.startswith("Between 9 - 5")


def test_a_logo_can_be_given_a_height(write_content, tmp_path):
    from PIL import Image
    from leaflet import edition, layout
    from leaflet.layout import MM
    from leaflet.typeset import story

    Image.new("RGB", (300, 100), "navy").save(tmp_path / "logo.png")

    def change(d):
        d["front"]["wordmarks"][1].update(logo="logo.png", alt="Kingston LSCB", height_mm=24)
    lf = content.load(write_content(change))
    marks = story.wordmarks(edition.english(lf), layout.load("a5-fold"), 340)
    (logo,) = [m for f in marks for m in getattr(f, "bottom", [f]) if isinstance(m, story.Logo)]  # in the foot panel
    assert logo.wrap(340, 500) == pytest.approx((72 * MM, 24 * MM))
    bad = lambda d: d["front"]["wordmarks"][0].update(height_mm=24)
    with pytest.raises(LeafletError, match="'height_mm' sizes a logo, and this mark has none"):
        content.load(write_content(bad))


def test_opening_hours_accept_what_people_write_and_refuse_the_rest():
    back = ("    - id: x\n      hours:\n        - {days: Mon to Thurs, opens: 9am, closes: 5.30pm}\n"
            "        - {days: \"fri, sat\", opens: \"10:00\", closes: 1pm}\n"
            "        - {days: [Tue, Sunday], opens: \"10:00\", closes: 12pm}\n")
    hours = load("      - id: p\n        text: x", back).contacts[1].hours
    assert hours == (Hours((0, 1, 2, 3), datetime.time(9), datetime.time(17, 30)),
                     Hours((4, 5), datetime.time(10), datetime.time(13)),
                     Hours((1, 6), datetime.time(10), datetime.time(12)))
    for hours, message in (("Monday to Friday 9am to 5pm", "opening hours are data"),
                           ("\n        - {days: monday-funday, opens: 9am, closes: 5pm}", "is not a range of days"),
                           ("\n        - {days: monday, opens: 25:00, closes: 5pm}", "'25:00' is not a time of day"),
                           ("\n        - {days: monday, opens: 5pm, closes: 9am}", "closes at 09:00, not after it opens")):
        got = error("      - id: p\n        text: x", f"    - id: x\n      hours: {hours}\n")
        assert message in got and re.match(r"^t\.yaml:\d+: ", got), got


@pytest.mark.parametrize("key, where, hint", [
    ("bullets: [a]", "answer", "did you mean 'list'?"), ("steps: [a]", "answer", "did you mean 'numbered'?"),
    ("image: x.png", "answer", "did you mean 'figure'?"), ("mobile: 07700 900123", "contact", "did you mean 'telephone'?"),
    ("department: Safeguarding", "contact", "did you mean 'team'?"),
])
def test_the_words_authors_reach_for_point_to_the_key(key, where, hint):
    if where == "answer":
        got = error(f"      - id: p\n        {key}")
    else:
        got = error("      - id: p\n        text: x", f"    - id: x\n      {key}\n")
    assert hint in got, got
