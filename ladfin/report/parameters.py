"""Report parameters: the params file, what each notebook declares, and who gets which value.

A params file is a flat YAML mapping. Each value goes to the notebooks whose
`parameters` cell declares its name; a name that no notebook of the suite
declares is an error (a misspelt name would otherwise be dropped and the
notebooks would run with their defaults). Values reach papermill as plain
literals, so an unquoted YAML date arrives as its ISO string.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ladfin.errors import ParameterError


def read_params_file(path: Path | None) -> dict:
    """Return the parameter values of a YAML file: a flat mapping of names to literals ({} if None).

    A YAML date (`fixed_date: 2024-05-07`, unquoted) becomes its ISO string,
    "2024-05-07", in a list too: a notebook parameter is a plain literal.

    Raises:
        ParameterError: the file is missing, is not YAML, is not a mapping, or a value is
            itself a mapping.
    """
    import yaml

    if path is None:
        return {}
    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParameterError(f"params file {path}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"params file {path}: not valid YAML ({exc})") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ParameterError(f"params file {path}: must be a mapping of name: value, "
                             f"got {type(loaded).__name__}")
    nested = [k for k, v in loaded.items() if isinstance(v, dict)]
    bad_names = [k for k in loaded if not (isinstance(k, str) and k.isidentifier())]
    if nested or bad_names:
        problems = [f"{k!r} is not a parameter name" for k in bad_names]
        problems += [f"{k}: a value must be a literal or a list, not a mapping" for k in nested]
        raise ParameterError(f"params file {path}: " + "; ".join(problems))
    return {name: _literal(value) for name, value in loaded.items()}


def _literal(value: object) -> object:
    # datetime is a date too: either is written as ISO text, which papermill and
    # the manifest carry as it is and `params.check_date` reads back.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return value


def declared_parameters(notebook: Path) -> dict:
    """Return the parameters a notebook declares: name -> default value (as a Python literal).

    A default that is not a plain literal is kept as its source text.
    """
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    out = {}
    for name, spec in declared.items():
        try:
            out[name] = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            out[name] = spec["default"]
    return out


def check_parameter_names(values: Mapping, declared: Mapping[str, Mapping],
                          path: Path | str | None = None) -> dict:
    """Return `values` as a dict once some notebook of `declared` declares each name.

    Args:
        values: the parameter values, from `read_params_file(path)`.
        declared: notebook -> the parameters it declares (every notebook of the suite).
        path: the params file, named in the message.

    Raises:
        ParameterError: naming the file and each unknown name (with the closest declared
            name), and listing the parameters the notebooks declare.

    >>> check_parameter_names({"dollars": "constant"}, {"10.ipynb": {"dollars": "nominal"}})
    {'dollars': 'constant'}
    """
    _, unknown = split_parameters(values, declared)
    if unknown:
        known = sorted(set().union(*[set(names) for names in declared.values()]))
        names = []
        for name in unknown:
            close = difflib.get_close_matches(name, known, n=1)
            names.append(f"{name} (did you mean {close[0]}?)" if close else name)
        where = f"params file {path}" if path is not None else "parameters"
        raise ParameterError(f"{where}: no notebook declares {', '.join(names)}; "
                             f"the notebooks declare {', '.join(known) or 'no parameter'}")
    return dict(values)


def split_parameters(values: Mapping, declared: Mapping[str, Mapping]) -> tuple[dict[str, dict], list[str]]:
    """Return (notebook -> the values it declares, names no notebook declares).

    >>> split_parameters({"country": "COL", "pillar": 1}, {"a": {"country": "ECU"}, "b": {}})
    ({'a': {'country': 'COL'}, 'b': {}}, ['pillar'])
    """
    per_notebook = {nb: {k: v for k, v in values.items() if k in names} for nb, names in declared.items()}
    known = set().union(*[set(names) for names in declared.values()]) if declared else set()
    return per_notebook, sorted(k for k in values if k not in known)
