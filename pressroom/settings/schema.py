"""A tiny schema checker for YAML that reports file and line.

PyYAML's composed node tree keeps each value's position, so every error can
say exactly where it is: ``manuscript/book.yaml:7: 'title' must be text``.
Schemas are plain objects (Text, Number, Date, Choice, ListOf, Mapping)
declared next to the data they describe (config.py, glossary, index ...).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pressroom.errors import UserError


def load_yaml_nodes(path: Path) -> yaml.Node | None:
    """Compose a YAML file into nodes, turning every failure into a UserError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("file not found", path) from None
    except OSError as e:
        raise UserError(f"cannot read file: {e.strerror}", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UserError(f"not UTF-8 text (byte {e.start})", path) from None
    try:
        # libyaml when present (forty times quicker: a no-op build reads
        # every sidecar); any failure is composed again by the Python
        # loader, whose messages are the ones users see.
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = e.problem or e.context or "malformed YAML"
        raise UserError(f"malformed YAML: {problem}", path, line,
                        "check the indentation and quoting") from None
    except yaml.YAMLError as e:
        raise UserError(f"malformed YAML: {e}", path) from None


class Spec:
    """Base of all schema nodes. ``check`` returns the plain Python value."""
    nullable = False

    def check(self, node: yaml.Node, path: Path, where: str) -> Any:
        raise NotImplementedError

    def fail(self, node, path, where, what):
        raise UserError(f"{where} {what}", path, node.start_mark.line + 1)


def _scalar(node, path, where, spec: Spec):
    if not isinstance(node, yaml.ScalarNode):
        spec.fail(node, path, where, f"must be {spec.describe()}, not a "
                  f"{'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
    try:
        return yaml.SafeLoader(" ").construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as e:   # e.g. 1997-13-45
        spec.fail(node, path, where, f"must be {spec.describe()} ({e})")


def _is_null(node) -> bool:
    return (isinstance(node, yaml.ScalarNode)
            and node.tag == "tag:yaml.org,2002:null")


@dataclass
class Text(Spec):
    nullable: bool = False
    nonempty: bool = True

    def describe(self):
        return "text"

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        value = _scalar(node, path, where, self)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "1917" written unquoted is still text
        if not isinstance(value, str):
            self.fail(node, path, where, f"must be {self.describe()}")
        if self.nonempty and not value.strip():
            self.fail(node, path, where, "must not be empty")
        return value


@dataclass
class Number(Spec):
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    nullable: bool = False

    def describe(self):
        return "a whole number" if self.integer else "a number"

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        value = _scalar(node, path, where, self)
        ok = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if not ok or isinstance(value, bool):
            self.fail(node, path, where, f"must be {self.describe()}")
        if self.minimum is not None and value < self.minimum:
            self.fail(node, path, where, f"must be at least {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            self.fail(node, path, where, f"must be at most {self.maximum}")
        return value



@dataclass
class Date(Spec):
    nullable: bool = False

    def describe(self):
        return "a date (YYYY-MM-DD, YYYY-MM or YYYY)"

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        value = _scalar(node, path, where, self)
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        text = str(value)
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            self.fail(node, path, where, f"must be {self.describe()}")
        return text


@dataclass
class Choice(Spec):
    options: tuple = ()
    nullable: bool = False

    def describe(self):
        return "one of " + ", ".join(map(str, self.options))

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        value = _scalar(node, path, where, self)
        if value not in self.options:
            self.fail(node, path, where, f"must be {self.describe()}, not {value!r}")
        return value


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    min_items: int = 0
    nullable: bool = False
    scalar_ok: bool = False  # a single item may be written without a list

    def describe(self):
        return "a list"

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        if self.scalar_ok and not isinstance(node, yaml.SequenceNode):
            return [self.item.check(node, path, where)]
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, path, where, "must be a list")
        if len(node.value) < self.min_items:
            self.fail(node, path, where, f"must have at least {self.min_items} item(s)")
        return [self.item.check(n, path, f"{where}[{i + 1}]")
                for i, n in enumerate(node.value)]


@dataclass
class Mapping(Spec):
    fields: dict[str, Spec] = field(default_factory=dict)
    required: tuple = ()
    keys: Spec | None = None      # for free-form maps: spec of keys
    values: Spec | None = None    # ... and of values
    nullable: bool = False

    def describe(self):
        return "a mapping"

    def check(self, node, path, where):
        if self.nullable and _is_null(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, path, where, "must be a mapping (key: value)")
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise UserError("a key must be plain text, not a list or mapping "
                                "(YAML complex key '? ')", path, knode.start_mark.line + 1)
            key = knode.value
            label = f"'{key}'" if not where else f"{where}.{key}"
            if key in out:
                raise UserError(f"duplicate key {label}", path,
                                knode.start_mark.line + 1)
            if self.values is not None:
                if self.keys is not None:
                    key = self.keys.check(knode, path, f"key {label}")
                out[key] = self.values.check(vnode, path, label)
            elif key in self.fields:
                out[key] = self.fields[key].check(vnode, path, label)
            else:
                known = ", ".join(sorted(self.fields))
                raise UserError(f"unknown key {label}", path,
                                knode.start_mark.line + 1,
                                f"expected one of: {known}")
            lines[str(key)] = knode.start_mark.line + 1
        for key in self.required:
            if key not in out:
                label = f"'{key}'" if not where else f"{where}.{key}"
                raise UserError(f"missing required key {label}", path,
                                node.start_mark.line + 1)
        out["__lines__"] = lines
        return out


def load(path: Path, spec: Spec, where: str = "") -> Any:
    """Load a YAML file and check it against a schema."""
    node = load_yaml_nodes(path)
    if node is None:
        raise UserError("file is empty", path, 1)
    return spec.check(node, path, where)


def line_of(value: dict, key: str) -> int | None:
    """The line a key of a checked mapping was written on."""
    return value.get("__lines__", {}).get(key)


def strip_lines(value: Any) -> Any:
    """A checked value without the bookkeeping ``__lines__`` keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__lines__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
