"""ReportLab's URL pattern, compiled when first used (leaflet/deferred.py): the
same pattern, giving ReportLab's own URL splitting the same answers."""
import json
import subprocess
import sys

from conftest import ROOT

URIS = ["https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        "http://example.org:8080/a/b/?q=1#x", "https://[2001:db8::1]/x", "ftp://192.168.0.1/",
        "mailto:someone@example.org", "www.kingston.gov.uk/childrens-services", "not a link",
        "https://bücher.example/ścieżka/", "C:\\Users\\x\\y"]

PROBE = f"""
import json, re, sys
first = sys.argv[1] == "leaflet"
if first:
    import leaflet  # installs the deferral
compile_ = re.compile
import reportlab.platypus.paragraph as p
waiting = first and p.uri_pat._compiled is None
compiled = {{name: isinstance(getattr(v, "__self__", v), re.Pattern) for name, v in vars(p).items()
            if name.endswith(("_pat", "_re_split", "_end_search", "_re"))}}  # patterns, bound methods (compiles it)
out = {{"compiled": compiled, "restored": re.compile is compile_, "waiting": waiting}}
out["splits"] = [p._uri_split_pairs(u) for u in {URIS!r}]
if first:  # now compiled: the very pattern ReportLab compiles
    out["same"] = p.uri_pat._compiled == compile_(p.uri_pat._args[0], p.uri_pat._args[1]) == compile_(
        p.uri_pat.pattern, p.uri_pat.flags)
print(json.dumps(out))
"""


def _probe(mode: str) -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_the_url_pattern_is_compiled_on_first_use_and_splits_as_reportlab_does():
    deferred, plain = _probe("leaflet"), _probe("reportlab")
    assert deferred["waiting"] is True and deferred["same"] is True
    assert deferred["compiled"].pop("uri_pat") is False and plain["compiled"].pop("uri_pat") is True
    assert deferred["compiled"] == plain["compiled"] and all(plain["compiled"].values())  # the others: as always
    assert len(plain["compiled"]) >= 4
    assert deferred["restored"] and plain["restored"]
    assert deferred["splits"] == plain["splits"]
    assert any(deferred["splits"]) and None in deferred["splits"]  # the URIs exercise both answers


def test_a_leaflet_process_defers_it():
    probe = ("import sys, leaflet.cli, leaflet.typeset, re; import reportlab.platypus.paragraph as p; "
             "print(isinstance(p.uri_pat, re.Pattern))")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
