"""Function words are rows of data/reference, not literals in the extraction code.

The check parses every module of ladfin/extract and looks at its string
constants (docstrings aside) for the words of function_words.csv, written
forwards or backwards, where code would use them as words: alternatives of a
regex, a whitespace-separated word list, a set or tuple of words, a membership
test. It is itself tested on lines in the style the code used to hold.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

import ladfin
from ladfin import paths
from ladfin.errors import ReferenceDataError
from ladfin.extract.figures import extract_figures
from ladfin.reference.read import read_table
from ladfin.reference.vocabulary import vocabulary

EXTRACT = Path(ladfin.__file__).resolve().parent / "extract"
WORDS = frozenset(r["word"].lower() for r in read_table("function_words", ("word", "lang", "role")))
LANGS = frozenset(r["lang"] for r in read_table("languages", ("lang",)))
# Regex syntax around a word: escapes (\s, \b, \(), group openers, inline flags, quantifiers.
_SYNTAX = re.compile(r"\\.|\(\?(?:P<\w+>|<?[=!]|[aiLmsux-]*:?)|[?*+]|\{\d*,?\d*\}|\s")


_COMMENT = re.compile(r"(?<!\\)#[^\n]*")  # a comment of a re.VERBOSE pattern


def _regex_words(text: str) -> list[str]:
    """Return the alternatives of a regex (split at | and parentheses) that are plain words."""
    if "\n" in text or "  #" in text:
        text = _COMMENT.sub("", text)
    pieces = (_SYNTAX.sub("", p) for p in re.split(r"[|()]", _SYNTAX.sub(_keep_groups, text)))
    return [p.lower() for p in pieces if p and not re.search(r"[^\w'’]|\d|_", p)]


def _keep_groups(m: re.Match) -> str:
    # Group openers become a plain "(", so that splitting at parentheses still
    # separates "(?:over|for)" into its alternatives.
    return "(" if m.group().startswith("(?") else m.group()


def hits(source: str) -> list[tuple[int, str]]:
    """Return (line, word) for each function word a module's string constants use as a word."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            words = _regex_words(text)
            forwards = [w for w in words if w in WORDS]
            backwards = [w[::-1] for w in words if len(w) > 1 and w[::-1] in WORDS]
            if len(forwards) + len(backwards) >= 2 or (
                ("\\" in text or "(?" in text) and any(len(w) >= 4 for w in forwards)
            ):
                found += [(node.lineno, w) for w in forwards + backwards]  # a regex of words
            tokens = text.split()
            if len(tokens) >= 3 and all(t.lower() in WORDS for t in tokens):
                found += [(node.lineno, t) for t in tokens]  # a word list
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
                     and i.value.lower() in WORDS]
            if len(words) >= 2:
                found += [(node.lineno, w) for w in words]  # a collection of words
        elif isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.In, ast.NotIn, ast.Eq, ast.NotEq)):
            found += [(node.lineno, w) for w in _words_of(node.left, *node.comparators)]  # "from" in text
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("endswith", "startswith"):
            found += [(node.lineno, w) for w in _words_of(*node.args)]  # word.endswith("ly")
    return found


def _words_of(*nodes: ast.expr) -> list[str]:
    """Return the constants among `nodes` that are function words, language codes aside (`lang != "en"`)."""
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and n.value.lower() in WORDS and n.value not in LANGS]


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_no_function_word_is_written_in_the_extraction_code(path):
    found = hits(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{path}: function words in code, line(s) {found[:10]}; "
        "read them from data/reference/function_words.csv (through the Vocabulary)"
    )


@pytest.mark.parametrize(
    "line",
    [
        '_CONJ = frozenset({"and", "or", "y", "o", "&"})',
        'joiner = r"\\s+and|\\s+y"',
        'p = re.compile(r"(?:\\s*(?:,|dna|&|ro|y|-|–|ot)\\s*\\d+)*")',   # written backwards
        'p = re.compile(r"(?:\\s+(?i:eht|le|al))?")',
        'd = rf"\\s+(?:over|for|during|across|in)\\s+(?:the\\s+(?:next|coming)\\s+)?"',
        'STOP = """of in to from for with at by on"""',
        'ok = part in ("a", "an", "un", "una", "one")',
        'verb = lower.endswith(("ed", "ing"))',
        'adverb = lower.endswith("ly")',
        'decade = right[:1] == "s"',
        'if "between" in lower: pass',
        'heading = re.match(r"(?i)pillar\\b", text)',
        'ordinal = re.compile(r"(?:st|nd|rd|th)\\b")',
    ],
)
def test_the_check_catches_words_written_in_code(line):
    assert hits(line)


@pytest.mark.parametrize(
    "line",
    [
        'tag = re.compile(r"<(p|li|h[1-6]|div|ul|ol|tr|td|th|br|section)\\b[^>]*>", re.I)',
        'raise ValueError(f"{quote!r} holds {n} figures, expected one")',
        'kind = "money" if m.currency else "count"',
        '"""A docstring may say: in, to, from, for, with, between and among."""',
        'p = re.compile(r"""\\s+{of}  # 1,5 millones (de) personas\n""", re.X)',  # a comment
        'group = m.group("after")',
        'if lang != "en": pass',
    ],
)
def test_the_check_leaves_other_strings_alone(line):
    assert not hits(line)


@pytest.fixture
def reference(tmp_path, monkeypatch):
    """A project root whose data/reference is a copy of the shipped tables."""
    target = tmp_path / "data" / "reference"
    shutil.copytree(paths.reference_dir(), target)
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return target


def _append(path: Path, *rows: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.writelines(row + "\n" for row in rows)


def test_a_function_word_with_an_unknown_role_names_its_line(reference):
    path = reference / "function_words.csv"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    _append(path, "and,en,conjuction,")
    with pytest.raises(ReferenceDataError, match=rf"function_words.csv: unknown role on line\(s\) \[{line}\]"):
        vocabulary("en")


def test_reading_the_function_words_of_an_unknown_language_is_refused(reference):
    path = reference / "languages.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("en;es", "en;fr"), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"function_word_langs of 'en' names unknown language\(s\) \['fr'\]"):
        vocabulary("en")


def test_a_new_language_is_rows_and_a_number_style(reference):
    # The checklist of data/reference/README.md, followed for Galician (which ladfin does not ship).
    _append(reference / "languages.csv", 'gl,.,",",de,de,true,gl,test language')
    _append(reference / "scales.csv", "millóns,gl,1000000,false")
    _append(reference / "person_nouns.csv", "persoas,gl")
    _append(reference / "hedges.csv", "máis de,gl,over")
    _append(reference / "function_words.csv", "en,gl,stop_word,", "en,gl,place_preposition,",
            "e,gl,conjunction,", "entre,gl,range_start,", "e,gl,and,")
    text = "O Brasil acolleu máis de 1,5 millóns de persoas e entre 2 e 3 millóns de persoas en Roraima."
    figures = extract_figures(text, lang="gl")[["quote", "value", "value_high", "unit", "qualifier"]]
    assert figures.astype(object).where(figures.notna(), None).values.tolist() == [
        ["1,5 millóns de persoas", 1_500_000.0, None, "person", "over"],
        ["2 e 3 millóns de persoas", 2_000_000.0, 3_000_000.0, "person", "exact"],
    ]


def test_a_language_reads_only_the_function_words_it_lists(reference):
    _append(reference / "languages.csv", 'gl,.,",",de,de,true,gl,test language')
    assert "the" in vocabulary("en").stop_words and "de" in vocabulary("en").stop_words
    assert not vocabulary("gl").stop_words


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_anaphor_match_holds_one_of_the_anaphor_words(lang):
    # SentenceActors searches a sentence for an anaphor only where one of anaphor_words occurs:
    # each anaphor, as written, capitalised or broken across lines, must hold one.
    vocab = vocabulary(lang)
    phrases = [r["word"] for r in read_table("function_words", ("word", "lang", "role"))
               if r["role"] == "anaphor"]
    for phrase in phrases:
        wrapped = phrase.replace(" ", "\n")
        for text in (f"según {phrase}.", f"{phrase[:1].upper()}{phrase[1:]} dijo", f"según {wrapped}."):
            m = vocab.anaphor_re.search(text)
            if m is None:
                continue  # a language that does not read this row's language
            assert any(word in m.group() for word in vocab.anaphor_words), (lang, text)
    assert bool(vocab.anaphor_words) == bool(vocab.anaphor_re.search(" ".join(phrases)))
