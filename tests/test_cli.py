import hashlib
import json
import subprocess
import sys

from conftest import ROOT, SEED


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_generate_with_no_leaflet_named_builds_every_leaflet_of_its_project(tmp_path):
    # run from elsewhere: generate.py's project is the repository it sits in
    done = run("build", "--out", tmp_path / "build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "build"
    manifest = json.loads((out / "manifest.json").read_text())
    files = {f["file"]: f for f in manifest["files"]}
    codes = ["en"] + sorted(p.parent.parent.name.replace("_", "-")  # folder zh_Hans: code zh-Hans
                            for p in (ROOT / "translations").glob("*/LC_MESSAGES/leaflet.po"))
    assert len(codes) == 13
    examples = {f"{leaflet}/{leaflet}.{c}.{kind}.pdf" for leaflet in ("child-protection-conference", "private-fostering")
                for c in ("en", "bn", "ur") for kind in ("screen", "print")}
    assert set(files) == {f"serious-case-reviews/serious-case-reviews.{c}.{kind}.pdf"
                          for c in codes for kind in ("screen", "print")} | examples
    files = {name: f for name, f in files.items() if name not in examples}
    for name, entry in files.items():
        data = (out / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["leaflet"] == "serious-case-reviews" and entry["untranslated"] == []
        # a5-fold: 10 to 14 pt on 4 pages; a leaflet that had to grow may go up to 16 pt
        assert entry["pages"] % 4 == 0 and 10 <= entry["body_size"] <= (14 if entry["pages"] == 4 else 16)
    english = files["serious-case-reviews/serious-case-reviews.en.screen.pdf"]
    assert english["languages"] == ["en-GB"] and english["pages"] == 4
    assert files["serious-case-reviews/serious-case-reviews.en.print.pdf"]["pdf_pages"] == 2
    assert files["serious-case-reviews/serious-case-reviews.en.screen.pdf"]["bytes"] <= 50_000  # 50 KB: lean subsets, streams at zlib level 9 (issue 13)


def test_build_one_leaflet_into_a_directory(tmp_path):
    done = run("build", SEED, "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "serious-case-reviews" / "serious-case-reviews.en.screen.pdf").exists()
    assert "wrote" in done.stdout


def test_a_user_mistake_is_one_line_exit_2_and_nothing_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED.read_text().replace("  subtitle:", "  subtitel:"))
    done = run("build", bad, "--out", tmp_path / "o")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("error: ") and "bad.yaml:" in lines[0]
    assert "unknown key 'subtitel' (allowed here: title, subtitle, wordmarks, text); did you mean 'subtitle'?" in lines[0]
    assert not (tmp_path / "o").exists()


def test_broken_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: x\nfront: [unclosed\n")
    done = run("build", bad, "--out", tmp_path / "o")
    assert done.returncode == 2 and "broken.yaml:" in done.stderr and "YAML syntax error" in done.stderr
    done = run("build", tmp_path / "missing.yaml", "--out", tmp_path / "o")
    assert done.returncode == 2 and "cannot read file" in done.stderr
    assert not (tmp_path / "o").exists()


def test_a_failure_after_a_good_leaflet_writes_nothing(tmp_path):
    bad = tmp_path / "long.yaml"
    # a contact panel taller than the back page (a long introduction would move to the inner pages)
    floors = "".join(f"        - Floor {n}\n" for n in range(40))
    bad.write_text(SEED.read_text().replace("        - Guildhall 2\n", floors, 1))
    done = run("build", SEED, bad, "--out", tmp_path / "o")
    assert done.returncode == 2, done.stdout
    assert "back panel overflows" in done.stderr
    assert not (tmp_path / "o").exists()


def test_duplex_test_sheet(tmp_path):
    import io

    from pypdf import PdfReader

    done = run("test-sheet", "--out", tmp_path / "sheet.pdf")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(io.BytesIO((tmp_path / "sheet.pdf").read_bytes()))
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [842, 595]  # A4 landscape, like the leaflets
    texts = [p.extract_text() for p in reader.pages]
    assert "flip on the short edge" in texts[0] and "Side 2" in texts[1]


def test_parallel_build_is_byte_identical_to_a_serial_one(tmp_path):
    digests = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        done = run("build", "--lang", "all", "--bilingual", "blocks", "--jobs", jobs, "--out", out, "--quiet")
        assert done.returncode == 0, done.stderr
        # every leaflet in content/: the seed's 13 editions and the examples' 3 each
        assert "built 19 editions (70 files)" in done.stdout and "wrote" not in done.stdout  # --quiet: summary only
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in out.rglob("*") if p.is_file()})
    assert len(digests[0]) == 71 and digests[0] == digests[1]  # and the manifest


def test_a_failure_in_a_worker_is_one_line_and_nothing_is_written(tmp_path, write_content):
    def overflow(data):  # a contact panel taller than the back page
        data["back"]["contacts"][0]["address"] = [f"Floor {n}" for n in range(40)]

    path = write_content(overflow)
    done = run("build", path, "--lang", "en", "--lang", "pl", "--allow-partial", "--jobs", 2, "--out", tmp_path / "o",
               cwd=tmp_path)  # two editions, so two workers; the English one fails while typesetting
    assert done.returncode == 2, done.stdout
    assert "leaflet.yaml: [en-GB] the back panel overflows by" in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.pdf"))


def test_the_manifest_and_summary_give_each_scripts_text_size(tmp_path):
    """A script set larger than the Latin body (fonts.yaml `scale`) is reported at
    the size it is drawn: body x scale, with the scale read from the file itself."""
    import yaml

    done = run("build", SEED, "--lang", "fa", "--lang", "pa", "--lang", "en", "--out", tmp_path / "b", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    table = yaml.safe_load((ROOT / "leaflet" / "data" / "fonts" / "fonts.yaml").read_text())
    scale = {f["name"]: f.get("scale", 1) for f in table["families"]}
    files = {f["file"].split("/")[-1]: f for f in json.loads((tmp_path / "b" / "manifest.json").read_text())["files"]}
    fa, pa, en = (files[f"serious-case-reviews.{c}.screen.pdf"] for c in ("fa", "pa", "en"))
    assert fa["script_sizes"] == {"fa": round(fa["body_size"] * scale["noto-naskh-arabic"], 2)} != {"fa": fa["body_size"]}
    assert pa["script_sizes"] == {"pa": round(pa["body_size"] * scale["noto-sans-gurmukhi"], 2)}
    assert en["script_sizes"] == {"en-GB": en["body_size"]}
    assert f"body {fa['body_size']:g} pt, fa {fa['script_sizes']['fa']:g} pt" in done.stdout
