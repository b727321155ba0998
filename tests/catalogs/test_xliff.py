"""XLIFF 1.2 for agencies: the round trip keeps every translation; a file as a
CAT tool returns it comes in; the import goes through the checks."""
import dataclasses
import xml.etree.ElementTree as ET

import pytest
from translate.storage import xliff as toolkit_xliff

from leaflet import cli, content
from leaflet.catalogs import pofile, powrite, workflow
from leaflet.errors import LeafletError
from leaflet.labels import english_texts

from catalogs.parsers import read_everywhere
from conftest import ROOT, SEED

NS = "urn:oasis:names:tc:xliff:document:1.2"
FOLDERS = sorted(p.name for p in (ROOT / "translations").iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def seed():
    return [content.load(SEED.relative_to(ROOT))]


def catalog(translations, folder, domain="serious-case-reviews"):
    return translations / folder / "LC_MESSAGES" / f"{domain}.po"


@pytest.mark.parametrize("folder", FOLDERS)
def test_round_trip_keeps_every_translation(translations, folder):
    code = folder.replace("_", "-")
    data = workflow.export_xliff(seed(), code)
    store = toolkit_xliff.xlifffile.parsestring(data)  # an independent XLIFF reader
    units = {u.getid().split("\x04")[-1]: u for u in store.units}  # its ids are "<file original>\x04<id>"
    po = pofile.read(catalog(translations, folder))
    assert len(units) == len(po.active()) + len(english_texts())  # and the tool's own words
    for e in po.active():
        assert units[e.context].source == e.msgid and units[e.context].target == e.msgstr
    states = {u.get("id"): u.find(f"{{{NS}}}target").get("state") for u in ET.fromstring(data).iter(f"{{{NS}}}trans-unit")}
    assert set(states.values()) == {"translated"}
    assert store.gettargetlanguage() == code
    files, refused = workflow.import_xliff(seed(), data, "back.xlf")
    assert refused == [] and len(files) == 2
    for path, written in files:
        assert written == path.read_bytes()  # nothing lost, nothing changed


def test_a_file_as_a_cat_tool_returns_it(translations):
    pl = catalog(translations, "pl")
    original = {e.key: e.msgstr for e in pofile.read(pl).active()}
    po = pofile.read(pl)
    pl.write_bytes(powrite.write([po.header_entry, *[dataclasses.replace(e, msgstr="") for e in po.entries]]))
    exported = workflow.export_xliff(seed(), "pl")
    assert b"<target" not in exported.split(b'original="leaflet"')[0]

    # what memoQ / Trados do to it: their namespaces and attributes, segment markup, targets filled
    ET.register_namespace("", NS)
    ET.register_namespace("mq", "MQXliff")
    ET.register_namespace("sdl", "http://sdl.com/FileTypes/SdlXliff/1.0")
    root = ET.fromstring(exported)
    root.set("{MQXliff}version", "1.0")
    for unit in root.iter(f"{{{NS}}}trans-unit"):
        if unit.get("id") not in original:
            continue
        unit.set("{MQXliff}status", "ManuallyConfirmed")
        unit.set("{http://sdl.com/FileTypes/SdlXliff/1.0}conf", "Translated")
        target = unit.find(f"{{{NS}}}target")
        if target is None:
            target = ET.SubElement(unit, f"{{{NS}}}target")
        target.attrib.clear()
        target.set("state", "translated")
        target.text = None
        segment = ET.SubElement(target, f"{{{NS}}}mrk", {"mtype": "seg", "mid": "1"})
        segment.text = original[unit.get("id")]
    returned = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    assert b"xmlns:mq" in returned and b"sdl:conf" in returned

    files, refused = workflow.import_xliff(seed(), returned, "memoq.xlf")
    assert refused == []
    written = dict(files)
    entries = read_everywhere(written[pl], str(pl))
    assert {k: v[1] for (k, obsolete), v in entries.items() if not obsolete} == original
    assert not any(v[2] for v in entries.values())  # none fuzzy


def edit_unit(data: bytes, unit_id: str, target: str, state="translated", source=None) -> bytes:
    ET.register_namespace("", NS)
    root = ET.fromstring(data)
    for unit in root.iter(f"{{{NS}}}trans-unit"):
        if unit.get("id") == unit_id:
            unit.find(f"{{{NS}}}target").text = target
            unit.find(f"{{{NS}}}target").set("state", state)
            if source:
                unit.find(f"{{{NS}}}source").text = source
    return ET.tostring(root, encoding="utf-8")


TITLE = "serious-case-reviews:front.title"


def test_hostile_targets_are_not_imported(translations, capsys):
    data = edit_unit(workflow.export_xliff(seed(), "pl"), TITLE, "Zadzwoń +48\u00a022\u00a0123\u00a045\u00a067")
    path = ROOT / "build" / "test-hostile.xlf"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    try:
        assert cli.main(["import-xliff", str(path)], project=translations.parent) == 1
    finally:
        path.unlink()
    err = capsys.readouterr().err
    assert f"[{TITLE}] adds contact data not in the English: +48 22 123 45 67 (not imported)" in err
    assert {e.key: e.msgstr for e in pofile.read(catalog(translations, "pl")).active()}[TITLE] == \
        "Analizy poważnych przypadków"


@pytest.mark.parametrize("state, source", [("needs-review-translation", None), ("translated", "Serious Case Review")])
def test_unfinished_or_stale_targets_come_in_fuzzy(translations, state, source):
    data = edit_unit(workflow.export_xliff(seed(), "pl"), TITLE, "Analizy", state, source)
    files, refused = workflow.import_xliff(seed(), data, "back.xlf")
    entry = next(e for e in pofile.parse(dict(files)[catalog(translations, "pl")], "x").entries if e.key == TITLE)
    assert (entry.msgstr, entry.fuzzy, entry.previous) == ("Analizy", True, source)


@pytest.mark.parametrize("data, message", [
    (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file>\n</xliff>',
     r"back.xlf:3: not well-formed XML: mismatched tag"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff/>', r"back.xlf:2: XLIFF with a DOCTYPE"),
    (b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', r"back.xlf:1: not an XLIFF 1.2 file"),
    (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="leaflet" '
     b'target-language="xx-Zzzz"><body/></file></xliff>', r"back.xlf: target-language is 'xx-Zzzz'"),
])
def test_broken_xliff_is_one_clear_error(translations, data, message):
    with pytest.raises(LeafletError, match=message):
        workflow.import_xliff(seed(), data, "back.xlf")


def test_states_follow_the_catalog(translations):
    pl = catalog(translations, "pl")
    po = pofile.read(pl)
    changed = [dataclasses.replace(e, flags=("fuzzy",), previous="Serious Case Review") if e.key == TITLE else
               dataclasses.replace(e, msgstr="") if e.key.endswith("front.subtitle") else e for e in po.entries]
    pl.write_bytes(powrite.write([po.header_entry, *changed]))
    root = ET.fromstring(workflow.export_xliff(seed(), "pl"))
    units = {u.get("id"): u for u in root.iter(f"{{{NS}}}trans-unit")}
    title = units[TITLE]
    assert title.find(f"{{{NS}}}target").get("state") == "needs-review-translation"
    assert [n.text for n in title.findall(f"{{{NS}}}note") if n.get("from") == "leaflet"] == [
        "The English changed. This translation was made for: Serious Case Review"]
    assert units["serious-case-reviews:front.subtitle"].find(f"{{{NS}}}target") is None
    assert "front cover" in units[TITLE].find(f"{{{NS}}}note[@from='developer']").text


def test_a_rejected_translation_is_not_exported(translations):
    pl = catalog(translations, "pl")
    po = pofile.read(pl)
    hostile = "Analizy\x07 020 7946 0321"
    pl.write_bytes(powrite.write([po.header_entry, *[dataclasses.replace(e, msgstr=hostile) if e.key == TITLE else e
                                                     for e in po.entries]]))
    data = workflow.export_xliff(seed(), "pl")
    unit = next(u for u in ET.fromstring(data).iter(f"{{{NS}}}trans-unit") if u.get("id") == TITLE)
    assert unit.find(f"{{{NS}}}target") is None and b"7946" not in data and b"\x07" not in data
    assert "The catalog's translation was rejected by the checks" in unit.find(f"{{{NS}}}note[@from='leaflet']").text
