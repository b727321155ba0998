from babel.messages.catalog import Catalog

from leaflet.catalogs import merge, pofile, powrite


def template(messages: dict) -> Catalog:
    cat = Catalog(project="x", fuzzy=False)
    for ctx, text in messages.items():
        cat.add(text, context=ctx, auto_comments=["note"], locations=[("content/x.yaml", 1)])
    return cat


def roundtrip(messages: dict, existing: bytes | None):
    po = pofile.parse(existing, "pl.po") if existing else None
    data = powrite.write(merge.merge(template(messages), po, "pl"))
    return data, pofile.parse(data, "pl.po")


def by_context(po):
    return {(e.context, e.obsolete): e for e in po.entries}


def translated(data: bytes, ctx: str, text: str) -> bytes:
    po = pofile.parse(data, "pl.po")
    out = data.decode()
    entry = next(e for e in po.entries if e.context == ctx)
    return out.replace(f'msgctxt "{ctx}"\nmsgid "{entry.msgid}"\nmsgstr ""',
                       f'msgctxt "{ctx}"\nmsgid "{entry.msgid}"\nmsgstr "{text}"').encode()


def test_init_has_our_header_and_plural_forms():
    data, po = roundtrip({"x:a": "Hello"}, None)
    assert po.header["Language"] == "pl"
    assert po.header["Plural-Forms"].startswith("nplurals=3;")
    assert by_context(po)[("x:a", False)].msgstr == ""


def test_changed_english_keeps_translation_as_fuzzy_with_previous_msgid():
    data, _ = roundtrip({"x:a": "Hello", "x:b": "World"}, None)
    data = translated(translated(data, "x:a", "Cześć"), "x:b", "Świat")
    data, po = roundtrip({"x:a": "Hello there", "x:b": "World"}, data)
    a, b = by_context(po)[("x:a", False)], by_context(po)[("x:b", False)]
    assert (a.msgstr, a.fuzzy, a.previous) == ("Cześć", True, "Hello")
    assert (b.msgstr, b.fuzzy) == ("Świat", False)
    assert b'#| msgid "Hello"' in data


def test_removed_block_goes_obsolete_and_comes_back():
    data, _ = roundtrip({"x:a": "Hello", "x:b": "World"}, None)
    data = translated(data, "x:b", "Świat")
    data, po = roundtrip({"x:a": "Hello"}, data)
    assert by_context(po)[("x:b", True)].msgstr == "Świat"
    assert b'#~ msgctxt "x:b"' in data
    data, po = roundtrip({"x:a": "Hello", "x:b": "World"}, data)
    revived = by_context(po)[("x:b", False)]
    assert (revived.msgstr, revived.fuzzy) == ("Świat", False)
    data, po = roundtrip({"x:a": "Hello"}, data)
    data, po = roundtrip({"x:a": "Hello", "x:b": "Wide world"}, data)
    assert by_context(po)[("x:b", False)].fuzzy


def test_contexts_never_trade_translations():
    # Babel's Catalog.update fuzzy-matches across contexts; ours must not
    data, _ = roundtrip({"one:title": "Serious Case Reviews", "two:title": "Serious Case Review"}, None)
    data = translated(data, "one:title", "Analizy")
    data, po = roundtrip({"two:title": "Serious Case Review", "three:title": "Serious Case Reviews!"}, data)
    entries = by_context(po)
    assert entries[("two:title", False)].msgstr == ""
    assert entries[("three:title", False)].msgstr == ""
    assert entries[("one:title", True)].msgstr == "Analizy"


def test_new_block_is_untranslated_and_output_passes_msgfmt(tmp_path):
    import shutil
    import subprocess

    data, _ = roundtrip({"x:a": "Hello"}, None)
    data = translated(data, "x:a", "Cześć")
    data, po = roundtrip({"x:a": "Hello", "x:new": "New text"}, data)
    assert by_context(po)[("x:new", False)].msgstr == ""
    if shutil.which("msgfmt"):  # GNU gettext, when the machine has it
        (tmp_path / "pl.po").write_bytes(data)
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(tmp_path / "pl.po")],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
