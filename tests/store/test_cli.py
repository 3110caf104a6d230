"""The store's command line behaves like the export's: Norwegian messages and exit code 2 for every
wrong call, the owner key never on the command line, deletion confirmed and reported; and the export
command line draws the comparison of two registers (files or saved versions)."""

import io
import re

import pytest

from layers import export
from store import __main__ as cli
from store import registers

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
FIRST = HEADER + 'a,Test legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,eget\n'
SECOND = HEADER + 'a,Test legevakt,legevakt,"Arendal; Grimstad; Froland",ja,Arendal,avtale,2019,eget\n'
INTERNALS = re.compile(r"Traceback|SELECT|INSERT|sqlalchemy|psycopg|127\.0\.0\.1|localhost:\d{4}(?!/)|[0-9a-f]{32}")


@pytest.fixture
def store_cli(db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAMARBEIDSKART_DB", db_url)
    monkeypatch.delenv(cli.KEY_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no one to answer a question, as in CI
    (tmp_path / "1.csv").write_text(FIRST, encoding="utf-8")
    (tmp_path / "2.csv").write_text(SECOND, encoding="utf-8")

    def run(*args):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert not INTERNALS.search(out + err), out + err
        return code, out, err

    return run


def _saved(run, tmp_path, *extra):
    code, out, _ = run("lagre", tmp_path / "1.csv", "--tittel", "Agder", "--kreditering", "K", *extra)
    assert code == 0
    register_id = out.split()[2]
    key = re.search(r"Eiernøkkel .*: (\S+)", out).group(1)
    return register_id, key, out


def test_lagre_prints_the_link_and_liste_says_when_there_is_nothing(store_cli, tmp_path, monkeypatch):
    code, out, _ = store_cli("liste")
    assert (code, out.strip()) == (0, "Ingen offentlige registre er lagret.")
    monkeypatch.setenv(cli.URL_VARIABLE, "https://kart.example.no/samarbeid/")
    register_id, _, out = _saved(store_cli, tmp_path, "--offentlig")
    assert f"Lenke: https://kart.example.no/samarbeid/?register={register_id}\n" in out
    assert (
        store_cli("liste", "--sok", "finnes ikke")[1].strip()
        == "Ingen offentlige registre har «finnes ikke» i tittelen."
    )
    assert store_cli("liste", "--sok", "agd")[1].startswith(f"{register_id}\tAgder\t")


def test_the_owner_key_is_read_from_the_environment_a_file_or_a_prompt_never_an_argument(
    store_cli, tmp_path, monkeypatch
):
    register_id, key, _ = _saved(store_cli, tmp_path)
    code, _, err = store_cli("ny-versjon", register_id, tmp_path / "2.csv", "--eiernokkel", key)
    assert code == 2 and "tas ikke som argument" in err and key not in err
    code, _, err = store_cli("ny-versjon", register_id, tmp_path / "2.csv")
    assert code == 2 and "Oppgi eiernøkkelen i miljøvariabelen SAMARBEIDSKART_EIERNOKKEL" in err
    (tmp_path / "nokkel.txt").write_text(key + "\n", encoding="utf-8")
    code, out, _ = store_cli("ny-versjon", register_id, tmp_path / "2.csv", "--eiernokkel-fil", tmp_path / "nokkel.txt")
    assert code == 0 and out.startswith(f"Lagret versjon 2 av {register_id}.")
    code, _, err = store_cli("ny-versjon", register_id, tmp_path / "2.csv", "--eiernokkel-fil", tmp_path / "nokkel.txt")
    assert code == 2 and "Ingen endringer siden versjon 2" in err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "feil")
    code, _, err = store_cli("ny-versjon", register_id, tmp_path / "1.csv")
    assert code == 2 and "Eiernøkkelen passer ikke" in err


def test_deleting_is_confirmed_and_says_what_was_deleted(store_cli, tmp_path, monkeypatch):
    register_id, key, _ = _saved(store_cli, tmp_path)
    monkeypatch.setenv(cli.KEY_VARIABLE, key)
    code, _, err = store_cli("slett", register_id)
    assert code == 2 and "Sletting må bekreftes: legg til --ja" in err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "nei")
    assert store_cli("slett", register_id)[2].strip() == "Feil: Ikke slettet."
    monkeypatch.setattr("builtins.input", lambda prompt: "ja")
    code, out, _ = store_cli("slett", register_id)
    assert (code, out.strip()) == (0, f"Slettet «Agder» ({register_id}) med 1 versjon.")
    assert store_cli("slett", register_id, "--ja")[2].strip() == f"Feil: Fant ikke registeret «{register_id}»."


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["eksporter", "abc", "--versjon", "99999999999999", "--out", "x.csv"], "--versjon: må være et heltall fra 1"),
        (["eksporter", "abc", "--versjon", "²", "--out", "x.csv"], "--versjon: må være et heltall fra 1"),
        (["eksporter", "abc", "--out", "."], "er en mappe; oppgi et filnavn, f.eks. register.csv"),
        (["eksporter", "ab\udcff\udcfe", "--out", "x.csv"], "«ab??» er ikke id-en til et lagret register"),
        (["eksporter", "'; DROP TABLE registre; --", "--out", "x.csv"], "er ikke id-en til et lagret register"),
        (["liste", "--side", "0"], "--side: må være et heltall fra 1"),
        (["finnes-ikke"], "ugyldig valg"),
        (["lagre"], "disse må oppgis"),
    ],
)
def test_wrong_calls_exit_2_with_a_norwegian_message(store_cli, args, said, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    try:
        code, _, err = store_cli(*args)
    except SystemExit as exc:  # argparse's own refusals
        code, err = exc.code, ""
    assert code == 2
    if err:
        assert said in err


def test_argparse_refusals_are_norwegian(capsys):
    for args in (["eksporter", "abc", "--versjon", "99999999999999", "--out", "x.csv"], ["finnes-ikke"], ["lagre"]):
        with pytest.raises(SystemExit) as exc:
            cli.main(args)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and err.startswith("Feil: ") and "Se python -m store" in err
        assert not re.search(r"\b(invalid|required|usage|error)\b", err)


def test_a_database_that_cannot_be_used_is_said_in_plain_words(monkeypatch, capsys):
    for url in ("postgresql+psycopg://bruker:hemmelig@127.0.0.1:1/x", "ikke-en-url://"):
        monkeypatch.setenv("SAMARBEIDSKART_DB", url)
        assert cli.main(["liste"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("Feil: ") and "Lagrede registre er ikke tilgjengelige nå" in err
        assert "hemmelig" not in err and "127.0.0.1" not in err and "Traceback" not in err
        registers._down_until.clear()


def test_the_export_command_line_draws_the_comparison_of_two_files_or_two_saved_versions(
    store_cli, tmp_path, monkeypatch, capsys
):
    def changes(*args):
        out = tmp_path / "endringer.csv"
        assert export.main(["--lag", "endringer", *map(str, args), "--out", str(out)]) == 0, capsys.readouterr().err
        capsys.readouterr()
        return "\n".join(line.split(',"Kilde: ')[0] for line in out.read_text(encoding="utf-8").splitlines())

    by_files = changes("--register", tmp_path / "2.csv", "--sammenlign", tmp_path / "1.csv")
    assert "4214,Froland,1,0,Kom inn i ordninger" in by_files  # Froland came in, as 2.csv against 1.csv says
    register_id, key, _ = _saved(store_cli, tmp_path)
    monkeypatch.setenv(cli.KEY_VARIABLE, key)
    assert store_cli("ny-versjon", register_id, tmp_path / "2.csv")[0] == 0
    assert changes("--lagret", register_id, "--sammenlign", "1") == by_files  # the same map, but for its credit
    assert changes("--lagret", register_id, "--versjon", "1", "--sammenlign", "1").count("Kom inn i ordninger") == 0
    assert export.main(["--lag", "endringer", "--lagret", register_id, "--sammenlign", "999", "--format", "csv"]) == 2
    assert "versjonsnummeret må være fra 1 til" in capsys.readouterr().err
