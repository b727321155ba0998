import re
from pathlib import Path

import pytest

from leaflet import content
from leaflet.errors import LeafletError

from conftest import SEED

SEED_TEXT = Path(__file__).parent / "data" / "seed-serious-case-reviews.txt"


def words(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def test_seed_leaflet_is_reproduced_word_for_word():
    leaflet = content.load(SEED)
    seed = words(SEED_TEXT.read_text(encoding="utf-8"))
    for block in leaflet.blocks():
        if block.id.startswith("contact."):
            continue
        assert words(block.text) in seed, block.id
    # every paragraph of the seed's questions and answers is in the leaflet
    ours = " ".join(words(b.text) for b in leaflet.blocks())
    for para in re.split(r"\n\s*\n", SEED_TEXT.read_text(encoding="utf-8")):
        para = words(para)
        if para.endswith("?") or len(para) > 80 and not para.startswith(("If you want", "www.")):
            assert para in ours, para[:60]
    (c,) = leaflet.contacts
    assert (c.name, c.role.text, c.team.text) == ("Lee Hopkins", "Strategic Manager", "Safeguarding Services")
    assert c.address == ("Guildhall 2", "Kingston") and c.postcode == "KT1 1EU"
    assert ([(p.kind, p.number) for p in c.phones], c.email) == ([("telephone", "020 8547 6111")],
                                                                  "safeguarding.children@rbk.kingston.gov.uk")
    assert c.website_label == "www.kingstonlscb.org.uk"
    assert [f.label for f in leaflet.further_reading] == ["www.dcsf.gov.uk/everychildmatters/safeguardingandsocialcare"]
    assert [m.name for m in leaflet.wordmarks] == ["Kingston Children & Young People's Trust", "Kingston LSCB"]
    assert leaflet.wordmarks[0].strapline == "Making a Difference Together"


def test_seed_bold_runs_are_kept():
    leaflet = content.load(SEED)
    bold = [s.text for b in leaflet.blocks() for s in b.spans if s.bold]
    assert bold == ["LSCB", "Serious Case Review", "Executive Summary",
                    "Working Together to Safeguard Children, 2006 – Chapter 8"]


def test_block_ids_are_stable_names_not_positions():
    ids = [b.id for b in content.load(SEED).blocks()]
    assert len(ids) == len(set(ids))
    assert "faq.who-sees-report.executive-summary" in ids
    assert not any(re.search(r"\.\d+(\.|$)", i) for i in ids)


def test_model_is_immutable():
    leaflet = content.load(SEED)
    with pytest.raises(AttributeError):
        leaflet.title = None


def error_for(write_content, change) -> str:
    path = write_content(change)
    with pytest.raises(LeafletError) as exc:
        content.load(path)
    return str(exc.value)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, l in enumerate(path.read_text().splitlines(), 1) if needle in l)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["sections"][2].__setitem__("answer", "text"), r"sections\[2\]\.answer: must be a list of blocks .*, got text 'text'"),
    (lambda d: d["sections"][2]["answer"][0].__setitem__("text", ["a", "b"]),
     r"sections\[2\]\.answer\[0\]\.text: must be text, got a list"),
    (lambda d: d["front"].__setitem__("subtitel", "x"), r"front\.subtitel: unknown key 'subtitel' \(allowed here: title, subtitle, wordmarks, text\); did you mean 'subtitle'\?"),
    (lambda d: d.pop("sections"), r"missing required key 'sections'"),
    (lambda d: d["front"].__setitem__("title", "   "), r"front\.title: must not be empty"),
    (lambda d: d["sections"][1].__setitem__("id", d["sections"][0]["id"]), r"sections\[1\]\.id: duplicate id 'what-is-kscb'"),
    (lambda d: d["sections"][0]["answer"][1].__setitem__("id", "brings-together"),
     r"answer\[1\]\.id: duplicate id 'brings-together'"),
    (lambda d: d["back"]["contacts"][0].__setitem__("email", "not-an-address"), r"'not-an-address' is not an e-mail address"),
    (lambda d: d["back"]["contacts"][0].__setitem__("website", "javascript:alert(1)"),
     r"is not a web address starting with https://"),
    (lambda d: d["back"]["contacts"][0].__setitem__("telephone", 2085476111), r"'2085476111' is not a UK phone number"),
    (lambda d: d["back"]["contacts"][0].__setitem__("postcode", "KT1"), r"'KT1' is not a UK postcode"),
    (lambda d: d["front"].__setitem__("title", "Call 020 8547 6111"), r"contact data '020 8547 6111' cannot be typed into text: put the number in a contact .* write \{duty\.telephone\} here"),
    (lambda d: d["front"].__setitem__("title", "**Unclosed bold"), r"'\*\*' opened here is never closed"),
    (lambda d: d["front"].__setitem__("title", "[x](javascript:alert(1))"), r"link address must start with https://"),
    (lambda d: d.__setitem__("id", "Bad Id"), r"'Bad Id' is not a valid id"),
])
def test_content_errors_are_one_located_line(write_content, change, expected):
    message = error_for(write_content, change)
    assert "\n" not in message
    assert re.match(r"^\S*leaflet\.yaml:\d+: ", message), message
    assert re.search(expected, message), message


def test_error_points_at_the_offending_line(write_content):
    path = write_content(lambda d: d["back"]["contacts"][0].__setitem__("email", "nobody-at-example"))
    with pytest.raises(LeafletError) as exc:
        content.load(path)
    assert exc.value.line == line_of(path, "nobody-at-example")


def logo_png(path):
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (240, 80), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 230, 70), fill=(0, 80, 122))
    image.save(path)
    return path


def test_a_logo_needs_alternative_text(write_content, tmp_path):
    logo_png(tmp_path / "lscb.png")

    def with_logo(alt):
        def change(d):
            d["front"]["wordmarks"][1]["logo"] = "lscb.png"
            if alt:
                d["front"]["wordmarks"][1]["alt"] = alt
        return change

    leaflet = content.load(write_content(with_logo("Kingston LSCB logo")))
    mark = leaflet.wordmarks[1]
    assert mark.logo.endswith("lscb.png") and mark.alt.text == "Kingston LSCB logo" and mark.height_mm is None
    assert "wordmarks.lscb.alt" in [b.id for b in leaflet.blocks()]  # translatable like any block
    assert "a logo needs 'alt'" in error_for(write_content, with_logo(None))
    missing = lambda d: d["front"]["wordmarks"][1].update(logo="nowhere.png", alt="x")
    assert "'nowhere.png' is not a PNG or JPEG file" in error_for(write_content, missing)
    stray = lambda d: d["front"]["wordmarks"][1].update(alt="x")
    assert "'alt' describes a logo, and this mark has none" in error_for(write_content, stray)
