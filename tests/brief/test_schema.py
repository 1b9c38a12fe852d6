"""The JSON Schema: up to date in the repo, accepts the sample, rejects schema-level errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from deckmaker.brief.schema import json_schema
from deckmaker.cli import cli

from .test_loading import BAD_INPUTS, VALID

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_LEVEL = ["wrong type", "yes/no surprise", "bad enum", "bad likelihood", "missing field",
                "missing nested field", "unknown key", "unsafe url", "too many judgments",
                "headline too long", "top-level list"]


def _as_json(data):
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()
                                 if isinstance(v, dt.date) else str(v)))


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json_schema(),
                                           format_checker=jsonschema.FormatChecker())


def test_committed_schema_matches_the_model():
    committed = json.loads((ROOT / "schema" / "brief.schema.json").read_text("utf-8"))
    assert committed == json_schema(), "run: deckmaker schema > schema/brief.schema.json"


def test_schema_command_prints_it():
    result = CliRunner().invoke(cli, ["schema"])
    assert json.loads(result.stdout) == json_schema()


def test_schema_accepts_every_brief_in_the_repo(validator):
    briefs = sorted((ROOT / "briefs").glob("*.yaml"))
    assert briefs
    for path in briefs:
        data = _as_json(yaml.safe_load(path.read_text("utf-8")))
        assert not list(validator.iter_errors(data)), path


def test_schema_accepts_the_valid_base(validator):
    assert not list(validator.iter_errors(_as_json(yaml.safe_load(VALID))))


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_schema_rejects_schema_level_errors(name, validator):
    data = _as_json(yaml.safe_load(BAD_INPUTS[name][0]))
    assert list(validator.iter_errors(data)), name
