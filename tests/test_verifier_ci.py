"""The CI check: configuration discovery and precedence, inputs by format, suppression, baseline, --diff."""

import json
import subprocess

import pytest

from verifier.cli import main
from verifier.config import ConfigError, discover, load
from verifier_support import build_world

WRONG = "The Aldmere ferry disaster killed 44 people, officials said.\n"
RIGHT = "The Aldmere ferry disaster killed 41 people, officials said.\n"
FRONT = "---\ndate: 2025-01-10\n---\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("world"))


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def claims(capsys, *args):
    code, out, err = run(capsys, *args, "--format", "json")
    assert code in (0, 1), err
    return code, [c for f in json.loads(out)["files"] for c in f["claims"]], json.loads(out)


# -- configuration ------------------------------------------------------------
def test_config_is_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.verifier]\nfail_on = 'never'\n", encoding="utf-8")
    deep = tmp_path / "desk" / "politics"
    deep.mkdir(parents=True)
    assert discover(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "desk" / ".verifier.toml").write_text("fail_on = 'unverified'\n", encoding="utf-8")
    assert discover(deep) == tmp_path / "desk" / ".verifier.toml"


def test_pyproject_without_our_table_is_not_a_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert discover(tmp_path) is None or discover(tmp_path).parent != tmp_path


@pytest.mark.parametrize("body, needle", [
    ("fail_on = 'sometimes'", "key 'fail_on': must be one of"),
    ("colour = true", "unknown key 'colour'"),
    ("[severity]\nconflicting-weather = 'error'", "unknown rule 'conflicting-weather'"),
    ("[severity]\nconflicting-quantity = 'loud'", "must be one of error, warning, note, off"),
    ("as_of = 'yesterday'", "must be 'auto', 'today' or a date"),
    ("fail_on = [", "not valid TOML"),
])
def test_bad_configuration_is_an_error_naming_file_and_key(tmp_path, capsys, world, body, needle):
    config = tmp_path / ".verifier.toml"
    config.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=needle.replace("(", r"\(")):
        load(config)
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + RIGHT, encoding="utf-8")
    code, out, err = run(capsys, "check", draft, "--db", world)
    assert code == 2 and str(config) in err and out == ""


def test_flags_override_the_file_and_config_says_where_values_come_from(tmp_path, capsys, world):
    (tmp_path / ".verifier.toml").write_text(f"fail_on = 'never'\ndb = '{world}'\n", encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + WRONG, encoding="utf-8")
    assert run(capsys, "check", draft)[0] == 0  # the file says never
    assert run(capsys, "check", draft, "--fail-on", "conflicting")[0] == 1  # the flag wins
    code, out, _ = run(capsys, "config", draft, "--fail-on", "conflicting") if False else run(capsys, "config", draft)
    assert code == 0
    assert f'fail_on = "never"    # {tmp_path / ".verifier.toml"}' in out
    assert 'format = "text"    # default' in out


def test_severity_per_rule_and_per_path(tmp_path, capsys, world):
    (tmp_path / ".verifier.toml").write_text(
        f"db = '{world}'\n[severity]\nunverified-quantity = 'off'\n"
        "[[overrides]]\npaths = ['opinion/**']\nseverity = {{ conflicting-quantity = 'note' }}\n".replace("{{", "{").replace("}}", "}"),
        encoding="utf-8")
    (tmp_path / "opinion").mkdir()
    news, opinion = tmp_path / "news.md", tmp_path / "opinion" / "col.md"
    for path in (news, opinion):
        path.write_text(FRONT + WRONG + "Some 30 volunteers helped.\n", encoding="utf-8")
    _, found, _ = claims(capsys, "check", tmp_path)
    by_file = {(c["text"], c["severity"]) for c in found}
    assert ("44 people", "error") in by_file and ("44 people", "note") in by_file
    assert not any(c["rule"] == "unverified-quantity" for c in found), "an 'off' rule is not reported"


# -- inputs ---------------------------------------------------------------------
def test_directories_are_walked_in_order_and_ignore_globs_apply(tmp_path, capsys, world):
    (tmp_path / ".verifier.toml").write_text(f"db = '{world}'\nignore = ['archive/**']\n", encoding="utf-8")
    for name in ("b.txt", "a.md", "c.html", "archive/old.md", "notes.rst"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(FRONT + RIGHT if name.endswith(".md") else RIGHT, encoding="utf-8")
    _, _, report = claims(capsys, "check", tmp_path, "--as-of", "2025-01-10")
    assert [f["file"].rsplit("/", 1)[-1] for f in report["files"]] == ["a.md", "b.txt", "c.html"]


def test_markdown_code_blocks_and_link_targets_yield_no_claims(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    text = (FRONT + "The [Aldmere ferry disaster](https://example.org/2024/44-dead) killed 41 people.\n\n"
            "```\nThe Aldmere ferry disaster killed 44 people.\n```\n\nInline `killed 44 people` too.\n")
    draft.write_text(text, encoding="utf-8")
    _, found, report = claims(capsys, "check", draft, "--db", world)
    assert [c["text"] for c in found] == ["41 people"]
    assert found[0]["verdict"] == "consistent"
    assert text[found[0]["start"]:found[0]["end"]] == "41 people"  # offsets point into the original file
    assert report["files"][0]["as_of"] == "2025-01-10"


def test_html_text_is_extracted_with_offsets_into_the_file(tmp_path, capsys, world):
    draft = tmp_path / "d.html"
    text = ('<html><head><meta property="article:published_time" content="2025-01-10T08:00:00Z">'
            "<script>var toll = 44;</script></head><body><p>The <b>Aldmere ferry disaster</b> killed "
            "<em>44</em> people &amp; more.</p></body></html>")
    draft.write_text(text, encoding="utf-8")
    _, found, report = claims(capsys, "check", draft, "--db", world)
    assert report["files"][0]["as_of_source"] == "html meta"
    toll = next(c for c in found if c["kind"] == "quantity")
    assert toll["verdict"] == "conflicting"
    assert text[toll["start"]:toll["end"]].startswith("44")


# -- suppression ------------------------------------------------------------------
@pytest.mark.parametrize("comment, suppressed", [
    ("<!-- verifier: disable-next-line conflicting-quantity -- toll disputed -->\n", True),
    ("<!-- verifier: disable-next-line -->\n", True),
    ("<!-- verifier: disable-next-line unverified-role -->\n", False),
    ("<!-- verifier: disable all -- checked by hand -->\n", True),
    ("<!-- verifier: disable-file conflicting-quantity -->\n", True),
])
def test_suppression_comments(tmp_path, capsys, world, comment, suppressed):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + comment + WRONG, encoding="utf-8")
    code, found, report = claims(capsys, "check", draft, "--db", world)
    assert (not any(c["verdict"] == "conflicting" for c in found)) == suppressed
    assert code == (0 if suppressed else 1)
    notices = report["files"][0]["notices"]
    assert bool(notices) == (not suppressed), "a suppression that matched nothing is reported"


def test_a_block_ends_at_enable(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + "<!-- verifier: disable -->\n" + WRONG + "<!-- verifier: enable -->\n" + WRONG,
                     encoding="utf-8")
    _, found, _ = claims(capsys, "check", draft, "--db", world)
    assert [c["line"] for c in found if c["verdict"] == "conflicting"] == [7]


# -- baseline and diff ----------------------------------------------------------------
def test_baseline_reports_only_new_findings_and_survives_edits_elsewhere(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + WRONG, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, out, err = run(capsys, "check", draft, "--db", world, "--write-baseline", baseline)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert code == 0 and out == "" and err == f"verifier: {len(entries)} finding(s) written to {baseline}\n"
    draft.write_text(FRONT + "A new first paragraph, written later.\n\n" + WRONG, encoding="utf-8")
    code, found, _ = claims(capsys, "check", draft, "--db", world, "--baseline", baseline)
    assert code == 0 and not [c for c in found if c["verdict"] == "conflicting"]
    _, _, err = run(capsys, "check", draft, "--db", world, "--baseline", baseline)
    assert err == f"verifier: {len(entries)} finding(s) hidden by the baseline {baseline}\n"
    draft.write_text(FRONT + WRONG + "Operation Grey Heron struck eleven terror camps.\n", encoding="utf-8")
    code, found, _ = claims(capsys, "check", draft, "--db", world, "--baseline", baseline)
    assert code == 1 and [c["text"] for c in found if c["verdict"] == "conflicting"] == ["eleven terror camps"]


def test_diff_reports_only_changed_lines(tmp_path, capsys, world):
    repo = tmp_path / "drafts"
    repo.mkdir()
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    draft = repo / "d.md"
    draft.write_text(FRONT + WRONG, encoding="utf-8")
    git("add", "d.md")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "draft")
    draft.write_text(FRONT + WRONG + "Operation Grey Heron struck eleven terror camps.\n", encoding="utf-8")
    _, found, _ = claims(capsys, "check", draft, "--db", world, "--diff", "HEAD")
    assert [c["text"] for c in found] == ["eleven terror camps"]
    new = repo / "new.md"
    new.write_text(FRONT + WRONG, encoding="utf-8")
    _, found, _ = claims(capsys, "check", new, "--db", world, "--diff", "HEAD")
    assert [c["text"] for c in found] == ["44 people"], "a file new to git is all changed"


def test_unknown_rule_in_a_suppression_is_reported(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + "<!-- verifier: disable-next-line conflicting-weather -->\n" + WRONG, encoding="utf-8")
    _, _, report = claims(capsys, "check", draft, "--db", world)
    assert any("unknown rule" in n["message"] and "conflicting-weather" in n["message"]
               for n in report["files"][0]["notices"])


def test_suggest_writes_a_corrected_copy_beside_the_draft(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + WRONG + "Operation Grey Heron struck eleven terror camps.\n", encoding="utf-8")
    before = draft.read_bytes()
    code, _, err = run(capsys, "check", draft, "--db", world, "--suggest")
    assert code == 1 and draft.read_bytes() == before
    corrected = (tmp_path / "d.suggested.md").read_text(encoding="utf-8")
    assert corrected == FRONT + RIGHT + "Operation Grey Heron struck seven terror camps.\n"
    assert "d.suggested.md" in err


def test_todo_round_trip_makes_the_claim_consistent(tmp_path, capsys, world):
    import shutil

    from claims_db.cli import main as claims_db

    store = tmp_path / "store.sqlite"
    shutil.copyfile(world, store)
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + "The Aldmere ferry disaster left 17 passengers missing at sea.\n", encoding="utf-8")
    todo = tmp_path / "todo.jsonl"
    _, found, _ = claims(capsys, "check", draft, "--db", store, "--todo", todo)
    assert [c["verdict"] for c in found] == ["unverified"]
    [row] = [json.loads(line) for line in todo.read_text(encoding="utf-8").splitlines()]
    assert (row["subject"], row["value"], row["source"]["url"]) == ("Port Aldmere ferry disaster", 17, "")
    assert claims_db(["import", "--db", str(store), str(todo)]) == 2, "an empty source is refused"
    capsys.readouterr()
    row.update(predicate="missing", source={"title": "Coastguard update", "publisher": "Test Desk",
                                            "url": "https://example.org/missing"})
    todo.write_text(json.dumps(row) + "\n", encoding="utf-8")
    vocabulary = tmp_path / "missing.jsonl"
    vocabulary.write_text(json.dumps({"record": "predicate", "predicate": "missing", "value_type": "quantity",
                                      "cues": ["missing"], "nouns": ["passengers", "people"]}) + "\n", encoding="utf-8")
    row["status"] = "approved"  # a to-do record imports as a draft whatever it says
    todo.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert claims_db(["import", "--db", str(store), str(vocabulary), str(todo)]) == 0
    capsys.readouterr()
    _, found, _ = claims(capsys, "check", draft, "--db", store)
    assert [c["verdict"] for c in found] == ["unverified"], "a draft waits for review"
    _, found, _ = claims(capsys, "check", draft, "--db", store, "--include-drafts")
    assert [c["verdict"] for c in found] == ["consistent"]
    assert claims_db(["review", "--db", str(store), "--approve", found[0]["fact"]["id"], "--why", "coastguard",
                      "--by", "desk"]) == 0
    capsys.readouterr()
    _, found, _ = claims(capsys, "check", draft, "--db", store)
    assert [c["verdict"] for c in found] == ["consistent"]


def test_many_drafts_in_parallel_give_the_same_report_in_file_order(tmp_path, capsys, world):
    for i in range(20):
        (tmp_path / f"d{i:02}.md").write_text(FRONT + (WRONG if i % 3 else RIGHT), encoding="utf-8")
    one = run(capsys, "check", tmp_path, "--db", world, "--format", "json", "--jobs", "1")
    two = run(capsys, "check", tmp_path, "--db", world, "--format", "json", "--jobs", "2")
    assert one == two and one[0] == 1
    assert [f["file"][-6:] for f in json.loads(two[1])["files"]] == [f"d{i:02}.md" for i in range(20)]
    assert two[2] == "", "no progress noise in machine formats"


def test_html_lines_and_columns_are_those_of_the_file(tmp_path, capsys, world):
    draft = tmp_path / "d.html"
    text = ('<html><body><p>Intro.</p>\n<!-- verifier: disable-next-line conflicting-quantity -->\n'
            "<p>The Aldmere ferry disaster killed 44 people.</p>\n<div><p>Operation Grey Heron struck eleven terror "
            "camps.</p></div></body></html>\n")
    draft.write_text(text, encoding="utf-8")
    _, found, report = claims(capsys, "check", draft, "--db", world, "--as-of", "2025-01-10")
    assert not report["files"][0]["notices"], "the suppression on line 2 matched the claim on line 3"
    camps = next(c for c in found if c["text"] == "eleven terror camps")
    line = text.splitlines()[camps["line"] - 1]
    assert line[camps["column"] - 1:].startswith("eleven terror camps")


def test_suppression_examples_inside_code_are_not_suppressions(tmp_path, capsys, world):
    draft = tmp_path / "d.md"
    draft.write_text(FRONT + "```\n<!-- verifier: disable-file all -->\n```\n\n" + WRONG
                     + "<!-- verifier: disable-line conflicting-quantity -->\n" + WRONG, encoding="utf-8")
    code, found, report = claims(capsys, "check", draft, "--db", world)
    assert code == 1 and len([c for c in found if c["verdict"] == "conflicting"]) == 2
    assert any("unknown suppression 'disable-line'" in n["message"] for n in report["files"][0]["notices"])


@pytest.mark.parametrize("rev", ["no-such-revision", "--output=/tmp/verifier-should-not-exist"])
def test_diff_against_a_bad_revision_is_an_error(tmp_path, capsys, world, rev):
    repo = tmp_path / "drafts"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    draft = repo / "d.md"
    draft.write_text(FRONT + WRONG, encoding="utf-8")
    code, out, err = run(capsys, "check", draft, "--db", world, f"--diff={rev}")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_rewriting_a_baseline_keeps_what_it_hid_and_files_do_not_share_entries(tmp_path, capsys, world):
    draft, other = tmp_path / "d.md", tmp_path / "other.md"
    draft.write_text(FRONT + WRONG, encoding="utf-8")
    baseline = tmp_path / "b.json"
    run(capsys, "check", draft, "--db", world, "--write-baseline", baseline)
    run(capsys, "check", draft, "--db", world, "--baseline", baseline, "--write-baseline", baseline)
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 1
    other.write_text(FRONT + WRONG, encoding="utf-8")
    code, found, _ = claims(capsys, "check", other, "--db", world, "--baseline", baseline)
    assert code == 1, "a new file repeating a recorded sentence is still reported"


def test_version_prints_and_exits_zero(capsys):
    from verifier import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"verifier {__version__}"


def test_a_verifier_toml_may_use_the_tool_verifier_header(tmp_path):
    path = tmp_path / ".verifier.toml"
    path.write_text('[tool.verifier]\nfail_on = "unverified"\n', encoding="utf-8")
    assert load(path).fail_on == "unverified"
    path.write_text('fail_on = "never"\n', encoding="utf-8")
    assert load(path).fail_on == "never"
