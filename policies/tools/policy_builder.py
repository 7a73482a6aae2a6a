"""Builds a Hush policy (rules, hold rules, tests) in memory and writes it as YAML.

The tests of a rule are written as templates: `§` marks where a fake secret goes. The input gets the
secret; the expected output gets the rule's replacement template applied to that secret ({id}, {len},
{keep:N}), so every expectation states the intended masking rather than echoing a matcher's output.
"""

import json
import re

MARK = "§"


def render(template: str, rule_id: str, secret: str) -> str:
    """Applies a replacement template ({id}, {len}, {keep:N}, {{ and }}) to one secret."""
    out, i = [], 0
    while i < len(template):
        if template.startswith("{{", i):
            out.append("{"); i += 2; continue
        if template.startswith("}}", i):
            out.append("}"); i += 2; continue
        if template[i] == "{":
            j = template.index("}", i)
            name = template[i + 1:j]
            if name == "id":
                out.append(rule_id)
            elif name == "len":
                out.append(str(len(secret.encode())))
            elif name.startswith("keep:"):
                out.append(secret[:int(name[5:])])
            else:
                raise ValueError(f"unknown placeholder {name}")
            i = j + 1
            continue
        out.append(template[i]); i += 1
    return "".join(out)


class Policy:
    """Accumulates rules, hold rules and tests in declaration order."""

    def __init__(self) -> None:
        self.rules: list[dict] = []
        self.holds: list[dict] = []
        self.tests: list[dict] = []
        self._current: dict | None = None
        self._counts: dict[str, int] = {}
        self._by_id: dict[str, dict] = {}

    # ---- declarations -------------------------------------------------------------------------
    def rule(self, rule_id: str, description: str, pattern: str, **opts) -> None:
        entry = {"id": rule_id, "description": description, "pattern": pattern}
        entry.update({k: v for k, v in opts.items() if v is not None})
        entry.setdefault("secret", 1)
        self._add(entry, self.rules)

    def hold(self, rule_id: str, description: str, pattern: str, reason: str, approvers: list[str], **opts) -> None:
        entry = {"id": rule_id, "description": description, "pattern": pattern, "reason": reason,
                 "approvers": approvers, "direction": "response"}
        entry.update({k: v for k, v in opts.items() if v is not None})
        self._add(entry, self.holds)

    def _add(self, entry: dict, target: list) -> None:
        # Python raw strings can only hold `"` as `\"`; RE2 needs no escape there, so drop the backslash.
        entry["pattern"] = entry["pattern"].replace('\\"', '"')
        if entry["id"] in self._by_id:
            raise ValueError(f"duplicate id {entry['id']}")
        try:
            re.compile(entry["pattern"].encode())
        except re.error as e:
            raise ValueError(f"{entry['id']}: {e}") from e
        target.append(entry)
        self._by_id[entry["id"]] = entry
        self._current = entry

    # ---- tests --------------------------------------------------------------------------------
    def masked(self, rule_id: str, secret: str) -> str:
        rule = self._by_id[rule_id]
        return render(rule.get("replacement", "[MASKED:{id}]"), rule_id, secret)

    def tp(self, template: str, *secrets: str) -> None:
        """A true positive of the current rule: every § is one of its secrets, in order."""
        rid = self._current["id"]
        self.multi(template, *[(rid, s) for s in secrets], name=self._name(rid, "tp"))

    def fp(self, text: str) -> None:
        """A false positive of the current rule: the whole policy must leave text unchanged."""
        rid = self._current["id"]
        self.tests.append({"name": self._name(rid, "fp"), "input": text, "expect": text})

    def multi(self, template: str, *pairs: tuple[str, str], name: str) -> None:
        """A case with secrets of several rules: pairs of (rule id, secret) fill the §s in order."""
        parts = template.split(MARK)
        if len(parts) != len(pairs) + 1:
            raise ValueError(f"{name}: {len(parts) - 1} marks for {len(pairs)} secrets")
        given, expect = [parts[0]], [parts[0]]
        for (rid, secret), tail in zip(pairs, parts[1:]):
            given += [secret, tail]
            expect += [self.masked(rid, secret), tail]
        self.tests.append({"name": name, "input": "".join(given), "expect": "".join(expect)})

    def htp(self, text: str, ids: list[str] | None = None) -> None:
        rid = self._current["id"]
        self.tests.append({"name": self._name(rid, "hold"), "input": text, "expect_hold": ids or [rid]})

    def hfp(self, text: str) -> None:
        rid = self._current["id"]
        self.tests.append({"name": self._name(rid, "no hold"), "input": text, "expect_hold": []})

    def _name(self, rid: str, kind: str) -> str:
        key = f"{rid}/{kind}"
        self._counts[key] = self._counts.get(key, 0) + 1
        return f"{rid}: {kind} {self._counts[key]}"

    # ---- output -------------------------------------------------------------------------------
    def write(self, path: str, header: dict, preamble: str) -> None:
        out = [preamble.rstrip() + "\n"]
        for key, value in header.items():
            out.append(f"{key}: {_scalar(value)}\n")
        out.append("\nrules:\n")
        for rule in self.rules:
            out.append(_entry(rule, ["id", "description", "pattern", "secret", "replacement", "keywords",
                                     "min_entropy", "allow", "max_length", "validate", "direction"]))
        out.append("\nhold:\n")
        for rule in self.holds:
            out.append(_entry(rule, ["id", "description", "pattern", "reason", "approvers", "direction",
                                     "max_length"]))
        out.append("\n# Tests run against the WHOLE policy. Forms used: `expect: <masked output>` for masking\n"
                   "# cases (a false positive expects its input unchanged) and `expect_hold: [ids]` for hold\n"
                   "# cases (`expect_hold: []` asserts that no hold rule fires).\n")
        out.append("tests:\n")
        for test in self.tests:
            out.append(f"  - name: {_scalar(test['name'])}\n")
            out.append(f"    input: {_scalar(test['input'])}\n")
            if "expect" in test:
                out.append(f"    expect: {_scalar(test['expect'])}\n")
            else:
                out.append(f"    expect_hold: [{', '.join(test['expect_hold'])}]\n")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(out))


def _entry(rule: dict, order: list[str]) -> str:
    lines = []
    for key in order:
        if key not in rule:
            continue
        value = rule[key]
        prefix = "  - " if not lines else "    "
        if key == "pattern":
            lines.append(f"{prefix}{key}: '{value.replace(chr(39), chr(39) * 2)}'")
        elif key == "allow":
            lines.append(f"{prefix}allow:")
            for item in value:
                if isinstance(item, dict):
                    lines.append(f"      - regex: '{item['regex'].replace(chr(39), chr(39) * 2)}'")
                else:
                    lines.append(f"      - {_scalar(item)}")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9._/-]*", value) and value not in ("true", "false", "null", "yes", "no"):
        return value
    return json.dumps(value)
