"""No secret reaches a log: every way a store's URL is shown hides its password."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import make_url

from claims_db.cli import main as claims_db_main
from claims_db.errors import StoreError
from claims_db.locate import redact
from claims_db.query import Reader
from claims_db.store import Store
from verifier.cli import main as verifier_main
from verifier.config import load

PASSWORD = "hunter2"
DRAFT = "Iceland had 383,726 inhabitants at the start of 2024.\n"


@pytest.mark.parametrize("url, shown", [
    pytest.param("postgresql://user:secret@host/db", "postgresql://user:***@host/db", id="userinfo"),
    pytest.param("postgresql+psycopg://u:hunter2@db:5432/claims?sslmode=require",
                 "postgresql+psycopg://u:***@db:5432/claims?sslmode=require", id="userinfo-with-driver-and-query"),
    pytest.param("postgresql://u@127.0.0.1:1/x?password=hunter2", "postgresql://u@127.0.0.1:1/x?password=***",
                 id="query-password"),
    pytest.param("postgresql://u@h/x?sslmode=require&PassWord=hunter2&connect_timeout=3",
                 "postgresql://u@h/x?sslmode=require&PassWord=***&connect_timeout=3", id="query-any-case"),
    pytest.param("postgresql://h/x?passwd=a&pwd=b&secret=c&token=d&sslpassword=e",
                 "postgresql://h/x?passwd=***&pwd=***&secret=***&token=***&sslpassword=***", id="query-every-key"),
    pytest.param("postgresql://u:p%40ss%2Fword@h/db", "postgresql://u:***@h/db", id="percent-encoded"),
    pytest.param("postgresql://u:p@ss/w@h/db?x=a@b", "postgresql://u:***@h/db?x=a@b", id="raw-at-and-slash"),
    pytest.param("postgresql://admin@tenant:pw@h/db", "postgresql://admin@tenant:***@h/db", id="at-in-user-name"),
    pytest.param("postgresql://u@h:5432/db?user=a@b", "postgresql://u@h:5432/db?user=a@b", id="no-password"),
    pytest.param("postgresql://u:@h/db", "postgresql://u:@h/db", id="empty-password"),
    pytest.param("/srv/claims:v2@home.sqlite", "/srv/claims:v2@home.sqlite", id="sqlite-path"),
    pytest.param("sqlite:////srv/claims.sqlite", "sqlite:////srv/claims.sqlite", id="sqlite-url"),
])
def test_redact(url, shown):
    assert redact(url) == shown
    assert redact(shown) == shown


def test_redact_hides_the_secrets_of_a_url_in_a_drivers_message():
    url = "postgresql://u:p%40ss@h/db?token=t0k3n"
    message = 'auth failed for "p@ss" (raw p%40ss) with t0k3n at postgresql://v:other@h2/db'
    assert redact(message, url) == 'auth failed for "***" (raw ***) with *** at postgresql://v:***@h2/db'


UNREACHABLE = [  # nothing listens on port 1
    pytest.param(f"postgresql://u:{PASSWORD}@127.0.0.1:1/x", id="password-in-userinfo"),
    pytest.param(f"postgresql://u@127.0.0.1:1/x?password={PASSWORD}", id="password-in-query"),
]


@pytest.mark.parametrize("url", UNREACHABLE)
def test_store_and_reader_errors_show_no_password(url):
    for opener in (Store, lambda u: Store(u, create=True), Reader):
        with pytest.raises(StoreError) as raised:
            opener(url)
        assert "Connection refused" in str(raised.value) and "***" in str(raised.value)
        assert PASSWORD not in str(raised.value) and PASSWORD not in repr(raised.value)


@pytest.mark.parametrize("url", UNREACHABLE)
@pytest.mark.parametrize("command", [["init"], ["stats"], ["stats", "--json"], ["list"], ["export"], ["refresh"],
                                     ["retire", "f0123456789a"]], ids=" ".join)
def test_claims_db_errors_show_no_password(url, command, capfd):
    code = claims_db_main([*command, "--db", url])
    out, err = capfd.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("claims-db: error: cannot open store ") and err.count("\n") == 1
    assert PASSWORD not in err


@pytest.mark.parametrize("url", UNREACHABLE)
def test_verifier_check_errors_show_no_password(url, tmp_path, capfd):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code = verifier_main(["check", "--db", url, str(draft)])
    out, err = capfd.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("verifier: error: cannot open store ") and PASSWORD not in err


def _config_naming(url: str, directory) -> None:
    (directory / ".verifier.toml").write_text(f"db = {json.dumps(url)}\n", encoding="utf-8")


@pytest.mark.parametrize("url", UNREACHABLE)
def test_the_configuration_shows_the_store_without_its_password(url, tmp_path):
    _config_naming(url, tmp_path)
    config = load(tmp_path / ".verifier.toml")
    assert config.db == url  # still the real URL for connecting
    assert config.shown("db") == redact(url) and PASSWORD not in config.shown("db")
    assert config.shown("fail_on") == config.fail_on


@pytest.mark.parametrize("url", UNREACHABLE)
def test_verifier_config_shows_no_password(url, tmp_path, capfd):
    _config_naming(url, tmp_path)
    code = verifier_main(["config", str(tmp_path)])
    out, err = capfd.readouterr()
    assert code == 0 and "db = " in out
    assert PASSWORD not in out + err


# -- a store that opens: PostgreSQL with trust authentication ignores the password ----

@pytest.fixture(params=["userinfo", "query"])
def url_with_password(request, postgres_store_url) -> str:
    """A reachable store whose URL carries a password, in the user info or in the query string."""
    if request.param == "userinfo":
        return make_url(postgres_store_url).set(password=PASSWORD).render_as_string(hide_password=False)
    return f"{postgres_store_url}&password={PASSWORD}"


def test_outputs_of_a_working_store_show_no_password(url_with_password, data_dir, tmp_path, capfd):
    url = url_with_password
    outputs = []
    for command in (["init"], ["import", str(data_dir / "places.jsonl")], ["stats"], ["stats", "--json"],
                    ["refresh"], ["list", "--entity", "Iceland"]):
        assert claims_db_main([*command, "--db", url]) == 0
        outputs.append(capfd.readouterr())
    assert outputs[0].out.startswith("store ready at postgresql+psycopg://") and "***" in outputs[0].out
    assert "***" in json.loads(outputs[3].out)["location"]
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    assert verifier_main(["check", "--db", url, "--format", "json", str(draft)]) in (0, 1)
    outputs.append(capfd.readouterr())
    assert json.loads(outputs[-1].out)["store"]  # a report was written (if it names the store, redacted)
    for out, err in outputs:
        assert PASSWORD not in out + err
    store, reader = Store(url), Reader(url)
    try:
        assert PASSWORD not in store.shown + store.stats()["location"] + reader.info.location
    finally:
        reader.close()
        store.engine.dispose()
