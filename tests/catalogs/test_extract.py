import io

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from leaflet import content, markup
from leaflet.catalogs import extract

from conftest import SEED


def test_template_keys_every_block_by_its_stable_id():
    leaflet = content.load(SEED)
    catalog = read_po(io.BytesIO(extract.pot_bytes(extract.template(leaflet))))
    messages = [m for m in catalog if m.id]
    assert len(messages) == len(leaflet.blocks()) == 23
    by_context = {m.context: m for m in messages}
    title = by_context["serious-case-reviews:front.title"]
    assert title.id == "Serious Case Reviews"
    assert title.locations == [(str(SEED), leaflet.title.line)] or title.locations[0][1] == leaflet.title.line
    assert "front cover" in title.auto_comments[0]
    summary = by_context["serious-case-reviews:faq.who-sees-report.executive-summary"]
    assert "**Executive Summary**" in summary.id
    assert any("Keep **...** (bold)" in c for c in summary.auto_comments)


def test_no_contact_data_in_any_msgid():
    leaflet = content.load(SEED)
    for m in extract.template(leaflet):
        assert not markup.DATA.search(m.id or ""), m.id


def test_percent_signs_do_not_get_a_python_format_flag(write_content):
    path = write_content(lambda d: d["front"].__setitem__("subtitle", "100% of the fee is paid for you"))
    catalog = extract.template(content.load(path))
    msg = next(m for m in catalog if m.context and m.context.endswith("front.subtitle"))
    assert "python-format" not in msg.flags


def test_labels_domain_comes_from_the_code():
    ids = [m.id for m in extract.labels_template() if m.id]
    assert {"Telephone", "Email", "Website", "Page {page} of {pages}"} <= set(ids)
    page = next(m for m in extract.labels_template() if m.id == "Page {page} of {pages}")
    assert any("{page}" in c for c in page.auto_comments)


def test_registered_babel_extractor_gives_the_same_messages():
    found = list(extract_from_file("leaflet_yaml", str(SEED)))
    leaflet = content.load(SEED)
    assert [(line, msg) for line, msg, _, ctx in found] == [
        (b.line, b.text) for b in leaflet.blocks()]
    assert found[0][3] == "serious-case-reviews:front.title"


def test_the_known_source_typo_is_kept_and_noted_for_translators_and_reviewers():
    leaflet = content.load(SEED)
    considers = next(m for m in extract.template(leaflet) if m.context == "serious-case-reviews:faq.what-is-scr.considers")
    assert "its' aim is not to blame" in considers.id  # the seed's wording, word for word
    note = " ".join(considers.auto_comments)
    assert "Known source typo" in note and "\"its' aim\" should read \"its aim\"" in note
    pot = (SEED.parent.parent / "translations" / "serious-case-reviews.pot").read_text(encoding="utf-8")
    assert "#. A paragraph answering: What is a Serious Case Review? Known source typo,\n" in pot
