#!/usr/bin/env python3
"""Generates the fourq-scan benchmark repository.

A deterministic (seeded) monorepo of JavaScript, TypeScript, TSX, Python,
Go, Java, Kotlin, C#, Ruby and PHP (gen_web.py) and configuration files (JSON, YAML, dotenv, Markdown), built over many commits
with `git fast-import` (feature branches merged back, a few unmerged work in
progress branches, release tags), then checked out.  About 3% of the source
files integrate the 4Quays API; some hold planted violations, among them
hard-coded keys: at HEAD, only in old commits, only on an unmerged branch,
live keys in `.env.staging` files, one key shared across environments.

The manifest `expected.json` (beside the repository) lists every planted key
by the SHA-256 of the key -- never the key itself -- with where a scanner must
report it (HEAD, history only, untracked worktree file) or must not (ignored
files, placeholders, near misses), and the planted code-rule violations.

Python 3 standard library only.  Usage:

    gen.py --out DIR [--files 20000] [--commits 2000] [--mb 110] [--seed 4242]

DIR/repo is the repository, DIR/expected.json the manifest.
"""
import argparse
import base64
import gzip
import hashlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

from gen_web import LANGS as WEB

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# Words kept out of generated key bodies: fourq-scan's placeholder words and a
# few more that a reviewer would take for a fake key.
KEY_BAD_WORDS = ("xxxx", "your", "example", "placeholder", "dummy", "fake", "sample",
                 "redacted", "changeme", "replace", "insert", "keyhere", "notreal",
                 "0000", "test", "secret", "live", "admin", "key")

# No environment word (prod, stage, dev, test, live, qa, local, spec...) in the
# generated names: the path decides a file's environment in fourq-scan.
NOUNS = ["account", "transfer", "payment", "invoice", "customer", "ledger", "order",
         "user", "session", "report", "balance", "card", "merchant", "refund", "payout",
         "statement", "audit", "token", "profile", "address", "beneficiary", "schedule",
         "notification", "webhook", "export", "batch", "settlement", "fee", "rate",
         "currency", "branch", "loan", "mandate", "document", "identity", "consent",
         "limit", "charge", "dispute", "wallet", "receipt", "journal", "entry", "quote",
         "pricing", "tenant", "role", "permission", "device", "channel", "template"]
VERBS = ["get", "load", "fetch", "create", "update", "remove", "build", "parse",
         "validate", "format", "compute", "sync", "list", "find", "handle", "render",
         "map", "normalize", "resolve", "apply", "check", "ensure", "emit", "enqueue",
         "retry", "merge", "split", "archive", "restore", "approve", "reject"]
ADJS = ["pending", "active", "daily", "monthly", "external", "internal", "primary",
        "cached", "raw", "signed", "batched", "legacy", "current", "next", "failed",
        "settled", "draft", "scheduled"]
# Identifiers holding "sk_" that are not keys: the literal prefilter sees them.
NEAR_SK = ["task_id", "risk_score", "disk_usage", "mask_value", "task_queue",
           "risk_band", "desk_code", "ask_price"]
SERVICES = ["payments-api", "ledger-service", "notification-worker", "kyc-gateway",
            "payout-scheduler", "card-vault", "fraud-engine", "statement-builder",
            "webhook-relay", "fx-rates", "merchant-api", "audit-trail",
            "reconciliation", "onboarding"]
APPS = ["web-dashboard", "admin-console", "merchant-portal"]
PACKAGES = ["sdk-wrapper", "ui-kit", "validation", "logging", "http-client", "money"]
PYSVCS = ["risk-models", "reporting", "etl-pipelines", "scoring", "batch-jobs"]
PY_SUB = ["core", "models", "services", "adapters", "utils", "jobs", "api"]
JS_SUB = ["routes", "controllers", "services", "models", "lib", "middleware", "jobs",
          "clients", "utils", "handlers"]
TSX_SUB = ["components", "pages", "widgets", "layouts", "features"]
POLICIES = ["BANK-TRANSFER", "PAYROLL-EXPORT", "CARD-DATA", "CUSTOMER-PII",
            "LEDGER-ENTRY", "KYC-DOCUMENT", "STATEMENT-ARCHIVE", "PAYOUT-BATCH"]
POLICY_ENVS = ["PROD", "PROD", "PROD", "STAGING", "DEV"]
AUTHORS = [("Ana Souza", "ana@corp.example"), ("Ben Okafor", "ben@corp.example"),
           ("Chen Wei", "chen@corp.example"), ("Dara Murphy", "dara@corp.example"),
           ("Elif Kaya", "elif@corp.example"), ("Femi Adeyemi", "femi@corp.example"),
           ("Greta Lind", "greta@corp.example"), ("Hiro Tanaka", "hiro@corp.example"),
           ("Ines Duarte", "ines@corp.example"), ("Jonas Berg", "jonas@corp.example"),
           ("Kavya Rao", "kavya@corp.example"), ("Luis Ortega", "luis@corp.example")]
GITIGNORE = """node_modules/
dist/
build/
coverage/
.env.local
*.log
__pycache__/
.venv/
.pytest_cache/
"""


def cap(s):
    return s[:1].upper() + s[1:]


class Chunk:
    """A piece of a file: its text, the planted keys and violations in it;
    `where` is the archive member path a key is reported under ("!src/x.js")."""
    __slots__ = ("text", "keys", "viol", "pinned", "where")

    def __init__(self, text, keys=(), viol=(), pinned=False, where=""):
        self.text = text
        self.keys = tuple(keys)
        self.viol = tuple(viol)
        self.pinned = pinned or bool(keys)
        self.where = where


# ---- keys ------------------------------------------------------------------

def is_placeholder(body):
    """fourq-scan's placeholder filter (rules/keydetect.c), in Python."""
    low = body.lower()
    if any(w in low for w in KEY_BAD_WORDS):
        return True
    n = len(body)
    for period in range(1, 5):
        if period < n and all(low[i] == low[i - period] for i in range(period, n)):
            return True
    seq = 0
    for i in range(1, n):
        a, b = ord(low[i - 1]), ord(low[i])
        seq += (b == a + 1) or (a == ord("9") and b == ord("0")) or a == b
    if seq * 2 >= n - 1:
        return True
    counts = {}
    for ch in body:
        counts[ch] = counts.get(ch, 0) + 1
    ent = -sum(c / n * math.log2(c / n) for c in counts.values())
    return ent < 3.0 or len(counts) < 8


class Keys:
    def __init__(self, rng):
        self.rng = rng
        self.meta = {}          # key -> dict(kind, intent, note)
        self.order = []

    def new(self, kind, intent, note):
        while True:
            n = self.rng.choice((20, 24, 24, 24, 28, 32, 32, 40))
            body = "".join(self.rng.choice(ALNUM) for _ in range(n))
            if not is_placeholder(body) and not any(c.isdigit() for c in body[:1]):
                key = "sk_%s_%s" % (kind, body)
                if key not in self.meta:
                    break
        self.meta[key] = {"kind": kind, "intent": intent, "note": note}
        self.order.append(key)
        return key

    def fixed(self, key, intent, note):
        """A non-key or placeholder literal the scanner must not report."""
        if key not in self.meta:
            self.meta[key] = {"kind": key.split("_")[1] if key.count("_") >= 2 else "?",
                              "intent": intent, "note": note}
            self.order.append(key)
        return key


# ---- code templates ----------------------------------------------------------

def words(rng):
    n1, n2 = rng.sample(NOUNS, 2)
    return {"n": n1, "N": cap(n1), "m": n2, "M": cap(n2), "v": rng.choice(VERBS),
            "V": cap(rng.choice(VERBS)), "a": rng.choice(ADJS), "k": rng.randint(2, 97),
            "t": rng.randint(100, 9000), "near": rng.choice(NEAR_SK)}


JS_BLOCKS = [
    """
/**
 * {V}s the {a} {n} records for a {m}.
 * @param {{string}} {m}Id the {m} identifier
 * @returns {{Promise<object[]>}}
 */
export async function {v}{N}For{M}({m}Id, options = {{}}) {{
  const limit = Math.min(options.limit ?? {k}, 500);
  const rows = await db.{n}s.find({{ {m}Id, status: '{a}' }}).limit(limit);
  if (!rows.length) {{
    logger.debug('no {a} {n} for {m}', {{ {m}Id }});
    return [];
  }}
  return rows.map((row) => ({{
    id: row.id,
    {m}Id,
    amount: Number(row.amount) / 100,
    currency: row.currency || 'EUR',
    updatedAt: row.updatedAt.toISOString(),
  }}));
}}
""",
    """
export class {N}{M}Service {{
  constructor(repository, cache, clock = () => Date.now()) {{
    this.repository = repository;
    this.cache = cache;
    this.clock = clock;
    this.ttlMs = {t} * 1000;
  }}

  async {v}(id) {{
    const cached = this.cache.get(`{n}:${{id}}`);
    if (cached && this.clock() - cached.at < this.ttlMs) {{
      return cached.value;
    }}
    const value = await this.repository.findById(id);
    this.cache.set(`{n}:${{id}}`, {{ value, at: this.clock() }});
    return value;
  }}

  async {a}{M}s(filter = {{}}) {{
    const items = await this.repository.list({{ ...filter, kind: '{m}' }});
    return items.filter((item) => item.state !== 'archived');
  }}
}}
""",
    """
router.{meth}('/{n}s/:id/{m}', authenticate, async (req, res, next) => {{
  try {{
    const {{ id }} = req.params;
    const {n} = await {n}Service.{v}(id);
    if (!{n}) {{
      return res.status(404).json({{ error: '{n}_not_found' }});
    }}
    const result = await {m}Service.{a}For{N}({n}, req.body);
    res.status({status}).json(result);
  }} catch (err) {{
    next(err);
  }}
}});
""",
    """
const {N}_{K}_LIMITS = Object.freeze({{
  maxItems: {k},
  windowSeconds: {t},
  retryBackoffMs: [100, 250, 500, 1000],
  allowedStates: ['{a}', 'settled', 'failed'],
}});

function {v}{N}{M}(input) {{
  if (input == null || typeof input !== 'object') {{
    throw new TypeError('{v}{N}{M}: expected an object');
  }}
  const out = {{}};
  for (const [field, value] of Object.entries(input)) {{
    if (value === undefined) continue;
    out[field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = value;
  }}
  return out;
}}
""",
    """
// {V} {a} {m} events and forward them to the {n} queue.
export function {v}{M}Events(emitter, queue) {{
  emitter.on('{m}.{a}', async (event) => {{
    const attempt = event.attempt ?? 0;
    if (attempt > {k}) {{
      logger.warn('dropping {m} event after retries', {{ id: event.id, attempt }});
      return;
    }}
    await queue.publish('{n}-{m}', {{ ...event, attempt: attempt + 1, at: new Date() }});
  }});
}}
""",
]

TS_BLOCKS = [
    """
export interface {N}{M} {{
  id: string;
  {m}Id: string;
  status: '{a}' | 'settled' | 'failed';
  amountMinor: number;
  currency: string;
  createdAt: Date;
  metadata?: Record<string, string>;
}}

export type {N}{M}Filter = Partial<Pick<{N}{M}, 'status' | 'currency' | '{m}Id'>>;
""",
    """
export async function {v}{N}(
  repo: Repository<{N}>,
  id: string,
  opts: {{ includeDeleted?: boolean; limit?: number }} = {{}},
): Promise<{N} | undefined> {{
  const limit = opts.limit ?? {k};
  const rows = await repo.query({{ id, deleted: opts.includeDeleted ? undefined : false }}, limit);
  if (rows.length === 0) {{
    return undefined;
  }}
  return rows.reduce((latest, row) => (row.version > latest.version ? row : latest));
}}
""",
    """
export class {N}{M}Client {{
  private readonly baseUrl: string;
  private readonly timeoutMs = {t};

  constructor(private readonly http: HttpClient, baseUrl: string) {{
    this.baseUrl = baseUrl.replace(/\\/$/, '');
  }}

  async {v}(id: string): Promise<{N}Dto> {{
    const res = await this.http.get<{N}Dto>(`${{this.baseUrl}}/{n}s/${{id}}`, {{
      timeout: this.timeoutMs,
    }});
    return res.data;
  }}

  async {a}(input: Create{N}Input): Promise<{N}Dto> {{
    const res = await this.http.post<{N}Dto>(`${{this.baseUrl}}/{n}s`, input);
    return res.data;
  }}
}}
""",
    """
export const {n}{M}Schema = z.object({{
  id: z.string().uuid(),
  {m}Id: z.string().min(1),
  amount: z.number().int().nonnegative().max({t}00),
  currency: z.enum(['EUR', 'USD', 'GBP', 'CHF']),
  reference: z.string().max({k}).optional(),
}});

export type {N}{M}Input = z.infer<typeof {n}{M}Schema>;

export function {v}{N}{M}(raw: unknown): {N}{M}Input {{
  return {n}{M}Schema.parse(raw);
}}
""",
    """
enum {N}State {{
  Draft = 'draft',
  {A} = '{a}',
  Settled = 'settled',
  Failed = 'failed',
}}

const transitions: Record<{N}State, {N}State[]> = {{
  [{N}State.Draft]: [{N}State.{A}, {N}State.Failed],
  [{N}State.{A}]: [{N}State.Settled, {N}State.Failed],
  [{N}State.Settled]: [],
  [{N}State.Failed]: [{N}State.Draft],
}};

export function can{V}(from: {N}State, to: {N}State): boolean {{
  return transitions[from].includes(to);
}}
""",
]

TSX_BLOCKS = [
    """
type {N}{M}Props = {{
  {n}Id: string;
  onSelect?: ({m}: {M}Summary) => void;
  compact?: boolean;
}};

export function {N}{M}List({{ {n}Id, onSelect, compact = false }}: {N}{M}Props) {{
  const {{ data, error, isLoading }} = use{M}s({n}Id, {{ status: '{a}' }});
  const [selected, setSelected] = useState<string | null>(null);

  if (isLoading) return <Spinner size="small" />;
  if (error) return <ErrorBanner message="Could not load {m}s" />;

  return (
    <ul className={{compact ? 'list list--compact' : 'list'}}>
      {{data.map(({m}) => (
        <li
          key={{{m}.id}}
          className={{{m}.id === selected ? 'list__item list__item--active' : 'list__item'}}
          onClick={{() => {{
            setSelected({m}.id);
            onSelect?.({m});
          }}}}
        >
          <span className="list__title">{{{m}.name}}</span>
          <Money amount={{{m}.amountMinor}} currency={{{m}.currency}} />
        </li>
      ))}}
    </ul>
  );
}}
""",
    """
export function use{N}{M}(id: string) {{
  const [state, setState] = useState<{{ loading: boolean; value?: {N}; error?: Error }}>({{
    loading: true,
  }});

  useEffect(() => {{
    let cancelled = false;
    api.{n}s.{v}(id)
      .then((value) => !cancelled && setState({{ loading: false, value }}))
      .catch((error) => !cancelled && setState({{ loading: false, error }}));
    return () => {{
      cancelled = true;
    }};
  }}, [id]);

  return state;
}}
""",
    """
export const {N}Card: React.FC<{{ {n}: {N}; actions?: React.ReactNode }}> = ({{ {n}, actions }}) => (
  <Card elevation={{{k} % 3}}>
    <CardHeader title={{{n}.name}} subheader={{formatDate({n}.createdAt)}} />
    <CardContent>
      <dl className="{n}-card__details">
        <dt>Status</dt>
        <dd><StatusBadge status={{{n}.status}} /></dd>
        <dt>{M}</dt>
        <dd>{{{n}.{m}Name ?? '—'}}</dd>
      </dl>
    </CardContent>
    {{actions && <CardActions>{{actions}}</CardActions>}}
  </Card>
);
""",
]

PY_BLOCKS = [
    '''

@dataclass(frozen=True)
class {N}{M}:
    """A {a} {n} attached to a {m}."""

    id: str
    {m}_id: str
    amount_minor: int
    currency: str = "EUR"
    status: str = "{a}"
    tags: tuple = ()

    @property
    def amount(self) -> Decimal:
        return Decimal(self.amount_minor) / 100
''',
    '''

def {v}_{n}_{m}(session, {m}_id: str, limit: int = {k}) -> list:
    """{V} the {a} {n} rows of one {m}."""
    rows = (
        session.query({N})
        .filter({N}.{m}_id == {m}_id, {N}.status == "{a}")
        .order_by({N}.created_at.desc())
        .limit(limit)
        .all()
    )
    log.debug("loaded %d {n} rows for %s", len(rows), {m}_id)
    return [row.to_dict() for row in rows]
''',
    '''

class {N}{M}Job:
    def __init__(self, repo, queue, batch_size: int = {t}):
        self.repo = repo
        self.queue = queue
        self.batch_size = batch_size

    def run(self, {near}: str) -> int:
        done = 0
        for batch in self.repo.iter_batches(self.batch_size):
            for item in batch:
                if item.status != "{a}":
                    continue
                self.queue.put({{"{near}": {near}, "id": item.id}})
                done += 1
        return done
''',
    '''

def {v}_{n}(payload: dict) -> dict:
    missing = [f for f in ("id", "{m}_id", "amount") if f not in payload]
    if missing:
        raise ValueError("missing fields: " + ", ".join(missing))
    amount = Decimal(str(payload["amount"]))
    if amount <= 0 or amount > {t}:
        raise ValueError("amount out of range")
    return {{**payload, "amount": amount.quantize(Decimal("0.01")), "{near}": None}}
''',
]

JS_TEST_BLOCK = """
describe('{v}{N}', () => {{
  beforeEach(() => {{
    jest.resetAllMocks();
  }});

  it('returns the {a} {n}s of a {m}', async () => {{
    db.{n}s.find.mockReturnValue({{ limit: () => [{{ id: '{k}', amount: {t}, updatedAt: new Date(0) }}] }});
    const rows = await {v}{N}For{M}('{m}-{k}');
    expect(rows).toHaveLength(1);
    expect(rows[0].amount).toBe({t} / 100);
  }});

  it('returns an empty list when nothing matches', async () => {{
    db.{n}s.find.mockReturnValue({{ limit: () => [] }});
    await expect({v}{N}For{M}('none')).resolves.toEqual([]);
  }});
}});
"""

PY_TEST_BLOCK = '''

def test_{v}_{n}_{m}_{k}(session_factory):
    session = session_factory([{{"id": "{k}", "{m}_id": "m1", "status": "{a}"}}])
    rows = {v}_{n}_{m}(session, "m1", limit={k})
    assert len(rows) == 1
    assert rows[0]["status"] == "{a}"
'''


def fill(tpl, rng):
    w = words(rng)
    w["meth"] = rng.choice(("get", "post", "put", "patch"))
    w["status"] = rng.choice((200, 201, 202))
    w["K"] = w["m"].upper()
    w["A"] = cap(w["a"])
    return tpl.format(**w)


# ---- 4Quays integration ---------------------------------------------------------

def policy(rng, env=None):
    return "%s-%s-%03d" % (rng.choice(POLICIES), env or rng.choice(POLICY_ENVS), rng.randint(1, 40))


def js_fourq_header(rng, key=None, ts=False):
    if key:
        api = "'%s'" % key
    else:
        api = "process.env.FOURQ_API_KEY"
    imp = "import { FourQuays, FourQuaysError } from '@4quays/sdk';\n"
    return imp + ("const fourq = new FourQuays({ apiKey: %s, baseUrl: 'https://api.4quays.com/v2' });\n"
                  % api)


def js_fourq_block(rng, ts, viol_kinds):
    """One 4Quays use; viol_kinds: planted violations to put in it."""
    w = words(rng)
    N, n = w["N"], w["n"]
    pol = policy(rng) if "FQ010" not in viol_kinds else "%s-%03d" % (rng.choice(POLICIES), rng.randint(1, 40))
    typ = ": Promise<Protected%s>" % N if ts else ""
    arg = "payload: %sPayload" % N if ts else "payload"
    lines = []
    viol = []
    if "FQ022" in viol_kinds:
        body = ("  const payload = { id: user.id, ssn: user.ssn, cardNumber: user.cardNumber, amount };\n")
        sig = "user, amount"
        if ts:
            sig = "user: Customer, amount: number"
        lines.append("export async function protect%s(%s)%s {\n%s" % (N, sig, typ, body))
        viol.append("FQ022")
    else:
        lines.append("export async function protect%s(%s)%s {\n" % (N, arg, typ))
    if "FQ020" in viol_kinds:
        lines.append("  logger.info('protecting %s payload', payload);\n" % n)
        viol.append("FQ020")
    if "FQ031" in viol_kinds:
        lines.append("  const result = await fourq.protect(payload, '%s');\n" % pol)
        viol.append("FQ031")
    else:
        lines.append("  let result;\n  try {\n    result = await fourq.protect(payload, '%s');\n"
                     "  } catch (err) {\n    logger.error('protect failed', { code: err.code });\n"
                     "    throw err;\n  }\n" % pol)
    if "FQ021" in viol_kinds:
        lines.append("  result.updatedAt = Date.now();\n")
        viol.append("FQ021")
    if "FQ010" in viol_kinds:
        viol.append("FQ010")
    lines.append("  return result;\n}\n")
    out = "\n" + "".join(lines)
    if "FQ030" in viol_kinds:
        out += ("\nexport async function reveal%s(envelope) {\n"
                "  const plain = await fourq.unprotect(envelope, '%s');\n"
                "  return plain;\n}\n" % (N, policy(rng)))
        viol.append("FQ030")
    else:
        out += ("\nexport async function reveal%s(envelope) {\n  try {\n"
                "    return await fourq.unprotect(envelope, '%s');\n  } catch (err) {\n"
                "    if (err instanceof FourQuaysError && err.code === 'SIGNATURE_INVALID') {\n"
                "      metrics.increment('fourq.signature_invalid');\n"
                "      throw new TamperedPayloadError(err.message);\n    }\n    throw err;\n  }\n}\n"
                % (N, policy(rng)))
    if "FQ040" in viol_kinds:
        if rng.random() < 0.5:
            out += ("\nconst insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n")
        else:
            out += ("\nconst agentOptions = { keepAlive: true };\nagentOptions.rejectUnauthorized = false;\n")
        viol.append("FQ040")
    return out, viol


def py_fourq_header(rng, key=None):
    api = '"%s"' % key if key else 'os.environ["FOURQ_API_KEY"]'
    return ("import logging\nimport os\n\nfrom fourquays import FourQuays, FourQuaysError\n\n"
            "log = logging.getLogger(__name__)\n"
            "fourq = FourQuays(api_key=%s, base_url=\"https://api.4quays.com/v2\")\n" % api)


def py_fourq_block(rng, viol_kinds):
    w = words(rng)
    n = w["n"]
    pol = policy(rng) if "FQ010" not in viol_kinds else "%s-%03d" % (rng.choice(POLICIES), rng.randint(1, 40))
    viol = []
    s = "\n\ndef protect_%s(payload: dict) -> dict:\n" % n
    if "FQ020" in viol_kinds:
        s += '    print(f"protecting {payload}")\n'
        viol.append("FQ020")
    s += ('    try:\n        result = fourq.protect(payload, "%s")\n'
          '    except FourQuaysError as exc:\n        log.error("protect failed: %%s", exc.code)\n'
          '        raise\n' % pol)
    if "FQ021" in viol_kinds:
        s += '    result["version"] = 2\n'
        viol.append("FQ021")
    s += "    return result\n"
    if "FQ010" in viol_kinds:
        viol.append("FQ010")
    if "FQ040" in viol_kinds:
        s += ('\n\ndef push_%s(url: str, body: dict):\n'
              '    return requests.post(url, json=body, timeout=10, verify=False)\n' % n)
        viol.append("FQ040")
    return s, viol



# ---- Go, Java and Kotlin services --------------------------------------------
GOSVCS = ["settlement", "fx-rates", "card-issuing", "payouts"]
JVMSVCS = ["core-banking", "statements", "mandates", "chargebacks"]

GO_BLOCKS = [
    """

// {N}{M} is a {a} {n} attached to a {m}.
type {N}{M} struct {{
	ID          string
	{M}ID       string
	AmountMinor int64
	Currency    string
	Status      string
}}

func (x *{N}{M}) Amount() float64 {{
	return float64(x.AmountMinor) / 100
}}
""",
    """

func {V}{N}s(ctx context.Context, db *sql.DB, {m}ID string, limit int) ([]{N}, error) {{
	rows, err := db.QueryContext(ctx, "SELECT id, status FROM {n} WHERE {m}_id = $1 LIMIT $2", {m}ID, limit)
	if err != nil {{
		return nil, fmt.Errorf("{v} {n}s: %w", err)
	}}
	defer rows.Close()
	var out []{N}
	for rows.Next() {{
		var x {N}
		if err := rows.Scan(&x.ID, &x.Status); err != nil {{
			return nil, err
		}}
		out = append(out, x)
	}}
	return out, rows.Err()
}}
""",
    """

func (h *Handler) {V}{N}(w http.ResponseWriter, r *http.Request) {{
	id := chi.URLParam(r, "id")
	x, err := h.store.Get{N}(r.Context(), id)
	if errors.Is(err, ErrNotFound) {{
		http.Error(w, "not found", http.StatusNotFound)
		return
	}}
	if err != nil {{
		slog.Error("{v} {n} failed", "id", id, "err", err)
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}}
	writeJSON(w, {status}, x)
}}
""",
]
GO_TEST_BLOCK = """

func Test{V}{N}(t *testing.T) {{
	x := &{N}{M}{{ID: "{n}-{k}", AmountMinor: {t}}}
	if got := x.Amount(); got <= 0 {{
		t.Fatalf("amount = %v", got)
	}}
}}
"""

JAVA_BLOCKS = [
    """

    public List<{N}> {v}{N}s(String {m}Id, int limit) {{
        List<{N}> out = new ArrayList<>();
        for ({N} x : repository.findBy{M}Id({m}Id)) {{
            if (out.size() >= limit) {{
                break;
            }}
            if ("{a}".equals(x.getStatus())) {{
                out.add(x);
            }}
        }}
        log.debug("{v} {n}s for {{}}: {{}}", {m}Id, out.size());
        return out;
    }}
""",
    """

    @GetMapping("/{n}s/{{id}}")
    public ResponseEntity<{N}> get{N}(@PathVariable String id) {{
        return repository.findById(id)
            .map(ResponseEntity::ok)
            .orElseGet(() -> ResponseEntity.notFound().build());
    }}
""",
    """

    private static BigDecimal {n}Total(Collection<{N}{M}> items) {{
        BigDecimal total = BigDecimal.ZERO;
        for ({N}{M} item : items) {{
            total = total.add(BigDecimal.valueOf(item.getAmountMinor(), 2));
        }}
        return total.setScale({k} % 4, RoundingMode.HALF_EVEN);
    }}
""",
]
JAVA_TEST_BLOCK = """

    @Test
    void {v}{N}() {{
        {N}{M} x = new {N}{M}("{n}-{k}", {t});
        assertTrue(x.getAmountMinor() > 0);
    }}
"""

KT_BLOCKS = [
    """

data class {N}{M}(
    val id: String,
    val {m}Id: String,
    val amountMinor: Long,
    val currency: String = "EUR",
    val status: String = "{a}",
) {{
    val amount: BigDecimal get() = BigDecimal.valueOf(amountMinor, 2)
}}
""",
    """

suspend fun {v}{N}s(repo: {N}Repository, {m}Id: String, limit: Int = {k}): List<{N}> =
    repo.findBy{M}Id({m}Id)
        .filter {{ it.status == "{a}" }}
        .take(limit)
        .also {{ log.debug("{v} {n}s for {{}}: {{}}", {m}Id, it.size) }}
""",
    """

fun Route.{n}Routes(service: {N}Service) {{
    get("/{n}s/{{id}}") {{
        val id = call.parameters["id"] ?: return@get call.respond(HttpStatusCode.BadRequest)
        val x = service.find(id) ?: return@get call.respond(HttpStatusCode.NotFound)
        call.respond(x)
    }}
}}
""",
]
KT_TEST_BLOCK = """

class {N}{M}Test {{
    @Test
    fun `{v} {n}`() {{
        val x = {N}{M}("{n}-{k}", "{m}", {t})
        assertTrue(x.amountMinor > 0)
    }}
}}
"""


def go_fourq_header(rng, key=None):
    api = '"%s"' % key if key else 'os.Getenv("FOURQ_API_KEY")'
    return ('\nvar fourqClient = fourq.NewClient(%s, fourq.WithBaseURL("https://api.4quays.com/v2"))\n' % api)


def go_fourq_block(rng, viol_kinds):
    w = words(rng)
    N = w["N"]
    pol = policy(rng) if "FQ010" not in viol_kinds else "%s-%03d" % (rng.choice(POLICIES), rng.randint(1, 40))
    viol = []
    s = "\nfunc Protect%s(ctx context.Context, payload %sPayload) (*fourq.Protected, error) {\n" % (N, N)
    if "FQ020" in viol_kinds:
        s += '\tlog.Printf("protecting %%+v", payload)\n'
        viol.append("FQ020")
    if "FQ031" in viol_kinds:
        s += '\tresult, _ := fourqClient.Protect(ctx, payload, "%s")\n' % pol
        viol.append("FQ031")
    else:
        s += ('\tresult, err := fourqClient.Protect(ctx, payload, "%s")\n\tif err != nil {\n'
              '\t\tslog.Error("protect failed", "code", fourq.CodeOf(err))\n\t\treturn nil, err\n\t}\n' % pol)
    if "FQ021" in viol_kinds:
        s += "\tresult.Version = 2\n"
        viol.append("FQ021")
    if "FQ010" in viol_kinds:
        viol.append("FQ010")
    s += "\treturn result, nil\n}\n"
    if "FQ040" in viol_kinds:
        s += "\nvar insecureTLS = &tls.Config{InsecureSkipVerify: true}\n"
        viol.append("FQ040")
    return s, viol


def jvm_fourq_header(rng, key=None, kotlin=False):
    api = '"%s"' % key if key else 'System.getenv("FOURQ_API_KEY")'
    if kotlin:
        return "\nprivate val fourq = FourQClient(%s)\n" % api
    return "\n    private final FourQClient fourq = new FourQClient(%s);\n" % api


def jvm_fourq_block(rng, viol_kinds, kotlin=False):
    w = words(rng)
    N = w["N"]
    pol = policy(rng) if "FQ010" not in viol_kinds else "%s-%03d" % (rng.choice(POLICIES), rng.randint(1, 40))
    viol = []
    if kotlin:
        s = "\nfun protect%s(payload: %sPayload): Protected {\n" % (N, N)
        if "FQ020" in viol_kinds:
            s += '    log.info("protecting {}", payload)\n'
            viol.append("FQ020")
        if "FQ031" in viol_kinds:
            s += '    val result = fourq.protect(payload, "%s")\n' % pol
            viol.append("FQ031")
        else:
            s += ('    val result = try {\n        fourq.protect(payload, "%s")\n    } catch (e: FourQException) {\n'
                  '        log.error("protect failed: {}", e.code)\n        throw e\n    }\n' % pol)
        if "FQ021" in viol_kinds:
            s += "    result.version = 2\n"
            viol.append("FQ021")
        s += "    return result\n}\n"
    else:
        s = "\n    public Protected protect%s(%sPayload payload) {\n" % (N, N)
        if "FQ020" in viol_kinds:
            s += '        log.info("protecting {}", payload);\n'
            viol.append("FQ020")
        if "FQ031" in viol_kinds:
            s += '        Protected result = fourq.protect(payload, "%s");\n' % pol
            viol.append("FQ031")
        else:
            s += ('        Protected result;\n        try {\n            result = fourq.protect(payload, "%s");\n'
                  '        } catch (FourQException e) {\n            log.error("protect failed: {}", e.getCode());\n'
                  '            throw e;\n        }\n' % pol)
        if "FQ021" in viol_kinds:
            s += "        result.setVersion(2);\n"
            viol.append("FQ021")
        s += "        return result;\n    }\n"
    if "FQ010" in viol_kinds:
        viol.append("FQ010")
    return s, viol


# ---- config and docs -----------------------------------------------------------

def archive_bytes(rng, kind, size, key):
    """A zip (deflated or stored), a jar inside a zip, a tar.gz of config or a
    gzip-compressed dotenv file; the member that holds `key`, as "!member"."""
    text = []
    while sum(len(t) for t in text) < size:
        w = words(rng)
        text.append("export const %s_%s = { threshold: %s, retries: %s };\n" % (w["n"], w["m"], w["t"], w["k"]))
    body = "".join(text)
    secret = "FOURQ_API_KEY=%s\n" % key if key else "FOURQ_API_KEY=\n"
    when = (2024, 1, 1, 0, 0, 0)

    def zipped(members, method):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            for name, data in members:
                z.writestr(zipfile.ZipInfo(name, when), data, compress_type=method)
        return b.getvalue()
    if kind in ("zip", "zipstored"):
        method = zipfile.ZIP_DEFLATED if kind == "zip" else zipfile.ZIP_STORED
        return zipped([("src/index.js", body), ("config/.env.sample", secret)], method), "!config/.env.sample"
    if kind == "jarzip":
        jar = zipped([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"),
                      ("application.properties", "server.port=8080\n" + secret.replace("FOURQ_API_KEY=", "fourq.api-key="))],
                     zipfile.ZIP_DEFLATED)
        return zipped([("lib/app.jar", jar), ("README.txt", body)], zipfile.ZIP_DEFLATED), "!lib/app.jar!application.properties"
    if kind == "tgz":
        b = io.BytesIO()
        with tarfile.open(fileobj=b, mode="w:gz", format=tarfile.USTAR_FORMAT) as t:
            for name, data in (("backup/app.js", body), ("backup/.env.production", secret)):
                info = tarfile.TarInfo(name)
                info.size = len(data.encode())
                info.mtime = 1700000000
                t.addfile(info, io.BytesIO(data.encode()))
        return gzip.compress(gzip.decompress(b.getvalue()), mtime=0), "!backup/.env.production"
    return gzip.compress((secret + "# " + body.replace("\n", "\n# ")).encode(), mtime=0), ""


def b64_secret(rng, key):
    w = words(rng)
    data = {"LOG_LEVEL": "info", "%s_TOKEN_ID" % w["n"].upper(): "tok-%s" % w["k"]}
    if key:
        data["FOURQ_API_KEY"] = key
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-%s" % (w["n"], w["m"]), "type: Opaque", "data:"]
    for k, v in data.items():
        lines.append("  %s: %s" % (k, base64.b64encode(v.encode()).decode()))
    return "\n".join(lines) + "\n"


def package_json(rng, name):
    deps = {"express": "^4.19.2", "zod": "^3.23.8", "pino": "^9.3.2", "@4quays/sdk": "^2.4.1",
            "axios": "^1.7.4", "pg": "^8.12.0", "ioredis": "^5.4.1", "dayjs": "^1.11.12"}
    dev = {"jest": "^29.7.0", "typescript": "^5.5.4", "eslint": "^9.9.0", "@types/node": "^20.14.15"}
    keys = sorted(deps)
    rng.shuffle(keys)
    pick = {k: deps[k] for k in sorted(keys[:rng.randint(4, len(keys))])}
    return json.dumps({"name": "@corp/" + name, "version": "1.%d.%d" % (rng.randint(0, 30), rng.randint(0, 9)),
                       "private": True, "main": "dist/index.js",
                       "scripts": {"build": "tsc -p .", "lint": "eslint .", "start": "node dist/index.js",
                                   "check": "jest --runInBand"},
                       "dependencies": pick, "devDependencies": dev}, indent=2) + "\n"


def lockfile(rng, target):
    parts = ['{\n  "name": "corp-monorepo",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n']
    size = sum(len(p) for p in parts)
    i = 0
    while size < target:
        n = "%s-%s%d" % (rng.choice(NOUNS), rng.choice(VERBS), i)
        ver = "%d.%d.%d" % (rng.randint(0, 9), rng.randint(0, 40), rng.randint(0, 20))
        integ = "".join(rng.choice(ALNUM) for _ in range(64))
        p = ('    "node_modules/%s": {\n      "version": "%s",\n      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",\n'
             '      "integrity": "sha512-%s==",\n      "dev": %s\n    },\n'
             % (n, ver, n, n, ver, integ, "true" if rng.random() < 0.4 else "false"))
        parts.append(p)
        size += len(p)
        i += 1
    parts.append('    "": {}\n  }\n}\n')
    return "".join(parts)


def fixture_json(rng, target):
    parts = ["[\n"]
    size = 2
    while size < target:
        w = words(rng)
        p = ('  {"id": "%s-%06d", "%sId": "%s", "status": "%s", "amountMinor": %d, "currency": "%s", '
             '"reference": "%s %s %d"},\n' % (w["n"], rng.randint(0, 999999), w["m"], "".join(rng.choice(ALNUM) for _ in range(12)),
                                               w["a"], rng.randint(1, 10 ** 7), rng.choice(("EUR", "USD", "GBP")),
                                               w["V"], w["m"], w["t"]))
        parts.append(p)
        size += len(p)
    parts.append('  {"id": "end"}\n]\n')
    return "".join(parts)


def minified(rng, target):
    parts = ["!function(e,t){\"use strict\";"]
    size = len(parts[0])
    while size < target:
        w = words(rng)
        p = ("var %s%d=function(n){return n&&n.%s?n.%s.map(function(r){return r.%s*%d}):[]},"
             "%s%s=function(e){try{return JSON.parse(e)}catch(t){return null}};"
             % (w["n"], w["k"], w["m"], w["m"], w["n"], w["k"], w["v"], w["N"]))
        parts.append(p)
        size += len(p)
    parts.append("}(this);\n")
    return "".join(parts)


def yaml_config(rng, env):
    w = words(rng)
    return ("# %s service configuration\nservice:\n  name: %s\n  port: %d\n  environment: %s\n"
            "logging:\n  level: %s\n  format: json\ndatabase:\n  host: db.%s.internal\n  pool: %d\n"
            "fourq:\n  base_url: https://api.4quays.com/v2\n  api_key: ${FOURQ_API_KEY}\n"
            "  policy: %s\nfeatures:\n  %s_%s: %s\n  %s_enabled: %s\n"
            % (w["N"], w["n"], rng.randint(3000, 9000), env, rng.choice(("info", "warn")), env,
               rng.randint(4, 32), policy(rng, {"production": "PROD", "staging": "STAGING"}.get(env, "DEV")),
               w["a"], w["m"], rng.choice(("true", "false")), w["n"], rng.choice(("true", "false"))))


def k8s_yaml(rng, env, svc):
    return ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  labels:\n    app: %s\n"
            "spec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app: %s\n  template:\n"
            "    metadata:\n      labels:\n        app: %s\n    spec:\n      containers:\n"
            "        - name: %s\n          image: registry.corp.example/%s:%d.%d.%d\n"
            "          env:\n            - name: NODE_ENV\n              value: %s\n"
            "            - name: FOURQ_API_KEY\n              valueFrom:\n                secretKeyRef:\n"
            "                  name: fourq\n                  key: api-key\n"
            "          resources:\n            limits:\n              memory: %dMi\n              cpu: %dm\n"
            % (svc, svc, rng.randint(1, 6), svc, svc, svc, svc, rng.randint(1, 4), rng.randint(0, 30),
               rng.randint(0, 9), env, rng.choice((256, 512, 1024)), rng.choice((250, 500, 1000))))


def markdown(rng, target):
    parts = ["# %s %s\n\n" % (cap(rng.choice(NOUNS)), rng.choice(("guide", "runbook", "design", "notes")))]
    size = len(parts[0])
    while size < target:
        w = words(rng)
        p = ("## %s the %s %s\n\nThe %s service %ss each %s %s before it reaches the %s ledger — "
             "retries back off for %d seconds and give up after %d attempts. See `%s%s()` for the details.\n\n"
             "```js\nconst %s = await %sService.%s(%sId);\n```\n\n- owner: team-%s\n- on call: #%s-alerts\n\n"
             % (w["V"], w["a"], w["n"], w["m"], w["v"], w["a"], w["n"], w["m"], w["t"], w["k"], w["v"], w["N"],
                w["n"], w["m"], w["v"], w["n"], w["m"], w["n"]))
        parts.append(p)
        size += len(p)
    return "".join(parts)


# ---- the repository model --------------------------------------------------------

class Gen:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.keys = Keys(random.Random(args.seed * 7 + 1))
        self.used = set()

    # -- paths
    def unique(self, path):
        base, dot, ext = path.rpartition(".")
        if "/" in ext or not dot:
            base, ext, dot = path, "", ""
        p, i = path, 2
        while p in self.used:
            p = "%s%d%s%s" % (base, i, dot, ext)
            i += 1
        self.used.add(p)
        return p

    def make_path(self, lang, test=False):
        r = self.rng
        n1, n2 = r.sample(NOUNS, 2)
        if lang == "py":
            svc = r.choice(PYSVCS)
            pkg = svc.replace("-", "_")
            if test:
                return self.unique("python/%s/tests/test_%s_%s.py" % (svc, n1, n2))
            return self.unique("python/%s/%s/%s/%s_%s.py" % (svc, pkg, r.choice(PY_SUB), n1, n2))
        if lang == "go":
            svc = r.choice(GOSVCS)
            if test:
                return self.unique("go/%s/internal/%s/%s_%s_test.go" % (svc, n1, n1, n2))
            return self.unique("go/%s/internal/%s/%s_%s.go" % (svc, n1, n1, n2))
        if lang in WEB:
            return self.unique(WEB[lang]["path"](r.choice(WEB[lang]["svcs"]), n1, n2, test))
        if lang in ("java", "kt"):
            svc = r.choice(JVMSVCS)
            src = "java" if lang == "java" else "kotlin"
            if test:
                return self.unique("jvm/%s/src/test/%s/com/corp/%s/%s%sTest.%s" % (svc, src, n1, cap(n1), cap(n2), lang))
            return self.unique("jvm/%s/src/main/%s/com/corp/%s/%s%s.%s" % (svc, src, n1, cap(n1), cap(n2), lang))
        if lang == "tsx":
            app = r.choice(APPS)
            if test:
                return self.unique("apps/%s/src/__tests__/%s%s.test.tsx" % (app, cap(n1), cap(n2)))
            return self.unique("apps/%s/src/%s/%s/%s%s.tsx" % (app, r.choice(TSX_SUB), cap(n1), cap(n1), cap(n2)))
        ext = lang
        if lang == "ts" and r.random() < 0.35:
            app = r.choice(APPS)
            where = "apps/%s/src/%s" % (app, r.choice(("hooks", "api", "store", "utils")))
        elif lang == "ts" and r.random() < 0.4:
            where = "packages/%s/src" % r.choice(PACKAGES)
        else:
            where = "services/%s/src/%s" % (r.choice(SERVICES), r.choice(JS_SUB))
        if test:
            where = where.split("/src/")[0] + "/__tests__"
            return self.unique("%s/%s%s.test.%s" % (where, n1, cap(n2), ext))
        return self.unique("%s/%s%s.%s" % (where, n1, cap(n2), ext))

    # -- content
    def content(self, lang, size, test=False):
        r = self.rng
        chunks = []
        if lang in ("js", "ts"):
            hdr = ("import { logger } from '../lib/logger';\nimport { db } from '../lib/db';\n"
                   "import express from 'express';\n\nconst router = express.Router();\n")
            if lang == "ts":
                hdr = "import { z } from 'zod';\nimport type { Repository, HttpClient } from '@corp/core';\n" + hdr
            blocks = JS_BLOCKS + (TS_BLOCKS if lang == "ts" else [])
            if test:
                hdr = "import { %s } from '../src/lib';\n\njest.mock('../src/lib/db');\n" % (r.choice(VERBS))
                blocks = [JS_TEST_BLOCK]
        elif lang == "tsx":
            hdr = ("import React, { useEffect, useState } from 'react';\n"
                   "import { Card, CardHeader, CardContent, CardActions, Spinner } from '@corp/ui-kit';\n"
                   "import { api } from '../../api';\n")
            blocks = TSX_BLOCKS + TS_BLOCKS[:2]
            if test:
                hdr += "import { render, screen } from '@testing-library/react';\n"
                blocks = [JS_TEST_BLOCK]
        elif lang == "go":
            hdr = ("package %s\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"errors\"\n\t\"fmt\"\n"
                   "\t\"log/slog\"\n\t\"net/http\"\n)\n" % r.choice(NOUNS))
            blocks = GO_BLOCKS
            if test:
                hdr = "package %s\n\nimport \"testing\"\n" % r.choice(NOUNS)
                blocks = [GO_TEST_BLOCK]
        elif lang == "java":
            hdr = ("package com.corp.%s;\n\nimport java.math.BigDecimal;\nimport java.util.*;\n"
                   "import org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\n\npublic class %sService {\n"
                   "    private static final Logger log = LoggerFactory.getLogger(%sService.class);\n"
                   % (r.choice(NOUNS), cap(r.choice(NOUNS)), cap(r.choice(NOUNS))))
            blocks = JAVA_BLOCKS
            if test:
                hdr = "package com.corp;\n\nimport org.junit.jupiter.api.Test;\n\nclass %sTest {\n" % cap(r.choice(NOUNS))
                blocks = [JAVA_TEST_BLOCK]
        elif lang in WEB:
            hdr = WEB[lang]["header"](r.choice(NOUNS), cap(r.choice(NOUNS)), test)
            blocks = [WEB[lang]["test"]] if test else WEB[lang]["blocks"]
        elif lang == "kt":
            hdr = ("package com.corp.%s\n\nimport java.math.BigDecimal\nimport org.slf4j.LoggerFactory\n\n"
                   "private val log = LoggerFactory.getLogger(\"%s\")\n" % (r.choice(NOUNS), r.choice(NOUNS)))
            blocks = KT_BLOCKS
            if test:
                hdr = "package com.corp\n\nimport kotlin.test.Test\nimport kotlin.test.assertTrue\n"
                blocks = [KT_TEST_BLOCK]
        else:
            hdr = ('"""%s %s helpers."""\nfrom __future__ import annotations\n\nimport logging\n'
                   'from dataclasses import dataclass\nfrom decimal import Decimal\n\n'
                   'log = logging.getLogger(__name__)\n' % (cap(r.choice(NOUNS)), r.choice(NOUNS)))
            blocks = PY_BLOCKS
            if test:
                hdr = "import pytest\n\nfrom ..core import *  # noqa\n"
                blocks = [PY_TEST_BLOCK]
        chunks.append(Chunk(hdr, pinned=True))
        total = len(hdr)
        while total < size:
            t = fill(r.choice(blocks), r)
            chunks.append(Chunk(t))
            total += len(t)
        if lang == "java":
            chunks.append(Chunk("}\n", pinned=True))  # the class
        elif lang in WEB:
            chunks.append(Chunk(WEB[lang]["close"], pinned=True))
        return chunks

    def new_block(self, lang, test=False):
        r = self.rng
        if lang in WEB:
            return fill(r.choice([WEB[lang]["test"]] if test else WEB[lang]["blocks"]), r)
        if lang in ("go", "java", "kt"):
            own = {"go": (GO_BLOCKS, GO_TEST_BLOCK), "java": (JAVA_BLOCKS, JAVA_TEST_BLOCK),
                   "kt": (KT_BLOCKS, KT_TEST_BLOCK)}[lang]
            return fill(r.choice([own[1]] if test else own[0]), r)
        if lang == "py":
            return fill(r.choice([PY_TEST_BLOCK] if test else PY_BLOCKS), r)
        if test:
            return fill(JS_TEST_BLOCK, r)
        if lang == "tsx":
            return fill(r.choice(TSX_BLOCKS), r)
        return fill(r.choice(JS_BLOCKS + (TS_BLOCKS if lang == "ts" else [])), r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=20000, help="files at HEAD (default 20000)")
    ap.add_argument("--commits", type=int, default=2000, help="commits (default 2000)")
    ap.add_argument("--mb", type=float, default=None,
                    help="megabytes at HEAD (default 5.5 KB per file: 110 MB for 20000 files)")
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--out", required=True, help="output folder: OUT/repo and OUT/expected.json")
    ap.add_argument("--no-repack", action="store_true", help="keep fast-import's pack as it is")
    args = ap.parse_args()
    if args.files < 500 or args.commits < 40:
        ap.error("--files must be >= 500 and --commits >= 40")
    if args.mb is None:
        args.mb = args.files * 5500 / 1e6
    t0 = time.time()
    build(args)
    print("gen: done in %.1fs" % (time.time() - t0), file=sys.stderr)


# ---- building the history ------------------------------------------------------

class Repo:
    """Writes the fast-import stream and tracks every branch's tree."""

    def __init__(self, stream, keys):
        self.out = stream
        self.mark = 0
        self.keys = keys
        self.key_first = {}      # key -> (commit mark, path)

    def next_mark(self):
        self.mark += 1
        return self.mark

    def blob(self, data, keys):
        b = data.encode("utf-8") if isinstance(data, str) else data
        m = self.next_mark()
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (m, len(b)))
        self.out.write(b)
        self.out.write(b"\n")
        return m

    def commit(self, ref, when, author, msg, parent, merge, changes, key_blobs):
        """changes: list of ('M', path, blobmark, mode) or ('D', path)."""
        m = self.next_mark()
        name, email = author
        msgb = msg.encode()
        w = self.out.write
        w(b"commit %s\nmark :%d\n" % (ref.encode(), m))
        w(b"author %s <%s> %d +0000\n" % (name.encode(), email.encode(), when))
        w(b"committer %s <%s> %d +0000\n" % (name.encode(), email.encode(), when))
        w(b"data %d\n%s\n" % (len(msgb), msgb))
        if parent:
            w(b"from :%d\n" % parent)
        if merge:
            w(b"merge :%d\n" % merge)
        for c in changes:
            if c[0] == "M":
                w(b"M %s :%d %s\n" % (c[3].encode(), c[2], c[1].encode()))
            else:
                w(b"D %s\n" % c[1].encode())
        w(b"\n")
        for path, ks in key_blobs:
            for k in ks:
                if k not in self.key_first:
                    self.key_first[k] = (m, path)
        return m


def build(args):
    g = Gen(args)
    r = g.rng
    out = os.path.abspath(args.out)
    repo_dir = os.path.join(out, "repo")
    if os.path.exists(repo_dir):
        shutil.rmtree(repo_dir)
    os.makedirs(repo_dir)
    subprocess.run(["git", "init", "-q", "-b", "main", repo_dir], check=True)
    for k, v in (("user.name", "bench"), ("user.email", "bench@corp.example"), ("gc.auto", "0"),
                 ("core.autocrlf", "false")):
        subprocess.run(["git", "-C", repo_dir, "config", k, v], check=True)

    F, C = args.files, args.commits
    scale = F / 20000.0

    # ---- plan the files at HEAD: languages, special files, sizes ---------------
    specs = []   # dict(path, kind, lang, size, test)
    root_files = [
        ("package.json", "pkgjson", None), (".gitignore", "gitignore", None),
        ("README.md", "md", None), ("docs/4quays-integration.md", "md4q", None),
        ("package-lock.json", "lock", None), ("tsconfig.base.json", "tsconfig", None),
        (".github/workflows/ci.yml", "ci", None), ("pyproject.toml", "pyproject", None),
    ]
    for p, kind, _ in root_files:
        g.used.add(p)
        specs.append({"path": p, "kind": kind, "lang": "cfg"})
    for s in SERVICES:
        for p, kind in (("services/%s/package.json" % s, "pkgjson"), ("services/%s/README.md" % s, "md"),
                        ("services/%s/.env.example" % s, "envexample"),
                        ("services/%s/tsconfig.json" % s, "tsconfig")):
            g.used.add(p)
            specs.append({"path": p, "kind": kind, "lang": "cfg"})
        for env in ("production", "staging", "dev"):
            p = "deploy/%s/%s.yaml" % (env, s)
            g.used.add(p)
            specs.append({"path": p, "kind": "k8s", "lang": "cfg", "env": env, "svc": s})
    for a in APPS:
        for p, kind in (("apps/%s/package.json" % a, "pkgjson"), ("apps/%s/tsconfig.json" % a, "tsconfig")):
            g.used.add(p)
            specs.append({"path": p, "kind": kind, "lang": "cfg"})
    n_big = max(2, int(round(20 * scale)))
    for i in range(n_big):
        specs.append({"path": g.unique("services/%s/fixtures/%s-%s.json" % (r.choice(SERVICES), r.choice(NOUNS), r.choice(ADJS))),
                      "kind": "fixture", "lang": "cfg"})
    for a in APPS:
        specs.append({"path": "apps/%s/public/vendor/charts.min.js" % a, "kind": "minjs", "lang": "cfg"})
        g.used.add("apps/%s/public/vendor/charts.min.js" % a)
    n_png = int(round(150 * scale))
    for i in range(n_png):
        specs.append({"path": g.unique("apps/%s/public/img/%s-%s.png" % (r.choice(APPS), r.choice(NOUNS), r.choice(ADJS))),
                      "kind": "png", "lang": "bin"})
    # archives (zipped sample apps, jars, config backups) and base64 Secrets:
    # where keys hide from a plain grep; some hold a planted key
    for i in range(max(3, int(round(12 * scale)))):
        kind = ("zip", "zipstored", "jarzip", "tgz", "gz")[i % 5]
        ext = {"zip": "zip", "zipstored": "zip", "jarzip": "zip", "tgz": "tar.gz", "gz": "env.gz"}[kind]
        specs.append({"path": g.unique("apps/%s/public/downloads/%s-%s.%s" % (r.choice(APPS), r.choice(NOUNS),
                                                                                r.choice(ADJS), ext)),
                      "kind": kind, "lang": "bin", "key": g.keys.new("live", "head", "inside an archive")
                      if i % 2 == 0 else None})
    for i in range(max(2, int(round(10 * scale)))):
        specs.append({"path": g.unique("deploy/secrets/%s-%s.yaml" % (r.choice(SERVICES), r.choice(NOUNS))),
                      "kind": "b64secret", "lang": "cfg",
                      "key": g.keys.new("live", "head", "base64 in a Kubernetes Secret") if i % 2 == 0 else None})
    n_cfg = int(F * 0.06)
    for i in range(n_cfg):
        x = r.random()
        env = r.choice(("production", "staging", "dev"))
        if x < 0.45:
            specs.append({"path": g.unique("config/%s/%s-%s.yaml" % (env, r.choice(NOUNS), r.choice(NOUNS))),
                          "kind": "yaml", "lang": "cfg", "env": env})
        elif x < 0.75:
            specs.append({"path": g.unique("services/%s/config/%s.json" % (r.choice(SERVICES), r.choice(NOUNS))),
                          "kind": "cfgjson", "lang": "cfg"})
        else:
            specs.append({"path": g.unique("docs/%s/%s-%s.md" % (r.choice(NOUNS), r.choice(NOUNS), r.choice(("runbook", "design", "notes", "guide")))),
                          "kind": "md", "lang": "cfg"})
    rest = F - len(specs)
    for i in range(rest):
        x = r.random()
        # the share of each language: JavaScript 20%, TypeScript 19%, TSX 12%,
        # Python 14%, Go 9%, Java 9%, Kotlin 7%, C# 4%, Ruby 3%, PHP 3%
        lang = ("js" if x < 0.20 else "ts" if x < 0.39 else "tsx" if x < 0.51 else "py" if x < 0.65
                else "go" if x < 0.74 else "java" if x < 0.83 else "kt" if x < 0.90
                else "cs" if x < 0.94 else "rb" if x < 0.97 else "php")
        test = r.random() < 0.14
        specs.append({"path": g.make_path(lang, test), "kind": "code", "lang": lang, "test": test})

    # sizes: log-normal for code and docs, fixed shapes for the special files
    target = args.mb * 1e6
    fixed = {"lock": 1_600_000 * scale ** 0.5, "fixture": None, "minjs": 450_000}
    big = 0
    for s in specs:
        if s["kind"] == "lock":
            s["size"] = int(fixed["lock"])
        elif s["kind"] == "fixture":
            s["size"] = int(r.uniform(150_000, 700_000))
        elif s["kind"] == "minjs":
            s["size"] = int(r.uniform(300_000, 600_000))
        elif s["kind"] == "png":
            s["size"] = int(r.uniform(2_000, 40_000))
        elif s["kind"] in ("zip", "zipstored", "jarzip", "tgz", "gz", "b64secret"):
            s["size"] = int(r.uniform(2_000, 20_000))
        else:
            continue
        big += s["size"]
    var = [s for s in specs if "size" not in s]
    raw = [min(r.lognormvariate(0, 0.85), 25.0) for _ in var]
    # a file overshoots its size by about half a block (~300 bytes): allow for it
    unit = max(target - big - 300 * len(var), len(var) * 400) / sum(raw)
    for s, x in zip(var, raw):
        s["size"] = max(250, int(x * unit))

    # ---- integrations and planted keys -------------------------------------------
    code = [s for s in specs if s["kind"] == "code" and not s["test"]]
    n_int = max(12, int(round(F * 0.03)))
    integ = r.sample(code, min(n_int, len(code)))
    for s in integ:
        s["fourq"] = True
    # keys at HEAD in code (kept), keys removed later (history only)
    n_head_code = max(6, int(round(40 * scale)))
    n_hist_mod = max(4, int(round(18 * scale)))
    n_hist_del = max(2, int(round(8 * scale)))
    pool = list(integ)
    r.shuffle(pool)
    for s in pool[:n_head_code]:
        kind = r.choice(("live", "live", "test", "admin"))
        s["key"] = g.keys.new(kind, "head", "hard-coded in a client constructor")
    for s in pool[n_head_code:n_head_code + n_hist_mod]:
        kind = r.choice(("live", "test"))
        s["key"] = g.keys.new(kind, "history", "hard-coded, later replaced by an environment variable")
        s["unkey"] = "modify"
    # files holding a key that are deleted later: extra files, not at HEAD
    doomed = []
    for i in range(n_hist_del):
        lang = r.choice(("js", "ts", "py"))
        p = g.make_path(lang)
        sp = {"path": p, "kind": "code", "lang": lang, "test": False, "fourq": True,
              "size": int(r.uniform(1500, 9000)), "doomed": True}
        sp["key"] = g.keys.new(r.choice(("live", "admin")), "history", "in a file deleted later")
        doomed.append(sp)
    # ordinary files that are deleted later (no key)
    for i in range(int(F * 0.02)):
        lang = r.choice(("js", "ts", "tsx", "py"))
        doomed.append({"path": g.make_path(lang), "kind": "code", "lang": lang, "test": False,
                       "size": int(r.uniform(800, 12000)), "doomed": True})

    # dotenv files: live keys in .env.staging (FQ001 + FQ004 + FQ050)
    n_staging = max(3, int(round(10 * scale)))
    env_svcs = SERVICES[:]
    r.shuffle(env_svcs)
    for s in env_svcs[:min(n_staging, len(env_svcs))]:
        p = "services/%s/.env.staging" % s
        g.used.add(p)
        specs.append({"path": p, "kind": "dotenv", "lang": "cfg", "env": "staging",
                      "key": g.keys.new("live", "head", "live key in .env.staging"), "size": 400})
    for s in env_svcs[-3:]:
        p = "services/%s/.env.development" % s
        g.used.add(p)
        specs.append({"path": p, "kind": "dotenv", "lang": "cfg", "env": "development",
                      "key": g.keys.new("test", "head", "test key in .env.development"), "size": 300})
    # one live key shared by a staging dotenv and a production config (FQ005)
    shared = g.keys.new("live", "head", "same live key in staging and production (FQ005)")
    sp_a = {"path": "services/%s/.env.staging" % env_svcs[0]}
    for s in specs:
        if s["path"] == sp_a["path"]:
            s["key2"] = shared
    p = "deploy/production/fourq-secrets.yaml"
    g.used.add(p)
    specs.append({"path": p, "kind": "secretyaml", "lang": "cfg", "env": "production", "key": shared, "size": 500})
    # a test key in a production config (FQ004), a live key in a test file (FQ004)
    p = "config/production/fourq-client.yaml"
    g.used.add(p)
    specs.append({"path": p, "kind": "secretyaml", "lang": "cfg", "env": "production",
                  "key": g.keys.new("test", "head", "test key in a production config (FQ004)"), "size": 500})
    tests_js = [s for s in specs if s["kind"] == "code" and s.get("test") and s["lang"] in ("js", "ts")]
    if tests_js:
        t = r.choice(tests_js)
        t["key"] = g.keys.new("live", "head", "live key in a test file (FQ004)")
        t["fourq"] = True
    # keys in docs at HEAD and placeholders the scanner must not report
    docs = [s for s in specs if s["kind"] == "md"]
    for s in r.sample(docs, min(len(docs), max(2, int(round(4 * scale))))):
        s["key"] = g.keys.new("test", "head", "test key pasted into documentation")
    placeholders = [
        g.keys.fixed("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder", "x run"),
        g.keys.fixed("sk_test_1234567890abcdef12345678", "placeholder", "sequential"),
        g.keys.fixed("sk_live_YOURKEYHEREYOURKEYHERE", "placeholder", "placeholder word"),
        g.keys.fixed("sk_test_abababababababababab", "placeholder", "repeated unit"),
        g.keys.fixed("sk_admin_EXAMPLEKEY000000000000", "placeholder", "placeholder word"),
    ]
    # near misses: no key by the pattern (too short, glued to a word)
    near = "task_live_" + "".join(r.choice(ALNUM) for _ in range(24))
    short = "sk_live_" + "".join(r.choice(ALNUM) for _ in range(12))
    for s in r.sample(docs, min(len(docs), 3)):
        s["placeholders"] = True
    # keys on branches: one on a merged feature branch and removed later on main,
    # and some only on unmerged work-in-progress branches
    branch_hist = [g.keys.new(r.choice(("live", "test")), "history", "added on a merged feature branch, removed later")
                   for _ in range(max(1, int(round(3 * scale))))]
    wip_keys = [g.keys.new(r.choice(("live", "admin")), "history", "only on an unmerged work-in-progress branch")
                for _ in range(3)]
    # a key added in one of the last commits (--since HEAD~10 must find it)
    since_key = g.keys.new("live", "head", "added in one of the last 10 commits")
    # the worktree: untracked files (scanned) and ignored ones (not scanned)
    untracked_key = g.keys.new("test", "untracked", "untracked, not ignored worktree file")
    ignored_keys = [g.keys.new("live", "ignored", "gitignored worktree file") for _ in range(3)]

    # ---- content ---------------------------------------------------------------
    state = {}      # path -> list[Chunk]
    lang_of = {}

    def realise(s):
        kind = s["kind"]
        size = s["size"]
        lang = s["lang"]
        chunks = None
        if kind == "code":
            chunks = g.content(lang, size, s.get("test"))
            if s.get("fourq") and not s.get("test"):
                if lang == "py":
                    hdr = py_fourq_header(r, s.get("key"))
                    kinds = pick_viol(r)
                    body, viol = py_fourq_block(r, kinds)
                elif lang == "go":
                    hdr = go_fourq_header(r, s.get("key"))
                    kinds = [k for k in pick_viol(r) if k in ("FQ020", "FQ021", "FQ010", "FQ031", "FQ040")]
                    body, viol = go_fourq_block(r, kinds)
                elif lang in WEB:
                    hdr = WEB[lang]["fourq_header"](s.get("key"))
                    kinds = [k for k in pick_viol(r) if k in WEB[lang]["kinds"]]
                    pol = (policy(r) if "FQ010" not in kinds
                           else "%s-%03d" % (r.choice(POLICIES), r.randint(1, 40)))
                    body, viol = WEB[lang]["fourq_block"](words(r)["N"], pol, kinds)
                    if "FQ010" in kinds:
                        viol.append("FQ010")
                elif lang in ("java", "kt"):
                    hdr = jvm_fourq_header(r, s.get("key"), kotlin=lang == "kt")
                    kinds = [k for k in pick_viol(r) if k in ("FQ020", "FQ021", "FQ010", "FQ031")]
                    body, viol = jvm_fourq_block(r, kinds, kotlin=lang == "kt")
                else:
                    hdr = js_fourq_header(r, s.get("key"), ts=lang != "js")
                    kinds = pick_viol(r)
                    body, viol = js_fourq_block(r, lang != "js", kinds)
                chunks.insert(1, Chunk(hdr, keys=[s["key"]] if s.get("key") else [], pinned=True))
                chunks.insert(2, Chunk(body, viol=viol, pinned=True))
            elif s.get("key"):  # a test file with a key
                chunks.insert(1, Chunk("\nconst client = new FourQuays({ apiKey: '%s' });\n" % s["key"],
                                       keys=[s["key"]]))
        elif kind == "md":
            text = markdown(r, size)
            chunks = [Chunk(text)]
            if s.get("key"):
                chunks.append(Chunk("\n## Trying it out\n\nThe sandbox key for the demo tenant is `%s`; "
                                    "use it with `curl -H \"Authorization: Bearer $KEY\"`.\n" % s["key"],
                                    keys=[s["key"]]))
            if s.get("placeholders"):
                chunks.append(Chunk(
                    "\n## Configuration\n\nSet `FOURQ_API_KEY` in the environment, for example\n"
                    "`FOURQ_API_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx` or, in a sandbox, "
                    "`sk_test_1234567890abcdef12345678`.  Never write `sk_live_YOURKEYHEREYOURKEYHERE` "
                    "into code; keys such as `sk_test_abababababababababab` and "
                    "`sk_admin_EXAMPLEKEY000000000000` are placeholders.\n"
                    "A key is at least 16 characters after the prefix (`%s` is not one) and "
                    "stands alone (`%s` is not one).\n" % (short, near), pinned=True))
        elif kind == "md4q":
            chunks = [Chunk(markdown(r, 6000)), Chunk(
                "\n## Keys\n\nKeys look like `sk_live_…`.  Put them in the environment:\n\n"
                "```sh\nexport FOURQ_API_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n```\n", pinned=True)]
        elif kind == "pkgjson":
            chunks = [Chunk(package_json(r, s["path"].split("/")[-2] if "/" in s["path"] else "monorepo"))]
        elif kind == "gitignore":
            chunks = [Chunk(GITIGNORE, pinned=True)]
        elif kind == "lock":
            chunks = [Chunk(lockfile(r, size))]
        elif kind == "tsconfig":
            chunks = [Chunk(json.dumps({"extends": "../../tsconfig.base.json", "compilerOptions": {
                "outDir": "dist", "rootDir": "src", "strict": True, "target": "ES2022",
                "module": "NodeNext"}, "include": ["src"]}, indent=2) + "\n")]
        elif kind == "ci":
            chunks = [Chunk("name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
                            "    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n"
                            "      - run: npm run lint && npm run build\n")]
        elif kind == "pyproject":
            chunks = [Chunk("[project]\nname = \"corp-python\"\nversion = \"0.9.0\"\nrequires-python = \">=3.11\"\n"
                            "dependencies = [\"fourquays>=2.1\", \"requests>=2.32\", \"sqlalchemy>=2.0\"]\n")]
        elif kind == "envexample":
            chunks = [Chunk("NODE_ENV=development\nPORT=8080\nFOURQ_API_KEY=sk_test_YOURKEYHERE\n"
                            "DATABASE_URL=postgres://app@localhost:5432/app\n")]
        elif kind == "dotenv":
            env = s["env"]
            lines = "NODE_ENV=%s\nPORT=%d\nLOG_LEVEL=info\nFOURQ_BASE_URL=https://api.4quays.com/v2\n" % (
                env, r.randint(3000, 9000))
            chunks = [Chunk(lines), Chunk("FOURQ_API_KEY=%s\n" % s["key"], keys=[s["key"]])]
            if s.get("key2"):
                chunks.append(Chunk("FOURQ_REPORTING_KEY=%s\n" % s["key2"], keys=[s["key2"]]))
            chunks.append(Chunk("REDIS_URL=redis://cache.%s.internal:6379/0\n" % env))
        elif kind == "secretyaml":
            chunks = [Chunk("# 4Quays client settings\nenvironment: %s\nfourq:\n  base_url: https://api.4quays.com/v2\n" % s["env"]),
                      Chunk("  api_key: %s\n" % s["key"], keys=[s["key"]]),
                      Chunk("  policy: %s\n" % policy(r, "PROD"))]
        elif kind == "k8s":
            chunks = [Chunk(k8s_yaml(r, s["env"], s["svc"]))]
        elif kind == "yaml":
            chunks = [Chunk(yaml_config(r, s["env"]))]
            while sum(len(c.text) for c in chunks) < size:
                chunks.append(Chunk(yaml_config(r, s["env"]).split("\n", 1)[1].replace("service:", "- service:", 1)))
        elif kind == "cfgjson":
            items = []
            total = 0
            while total < size:
                w = words(r)
                it = json.dumps({"name": "%s_%s" % (w["n"], w["m"]), "enabled": r.random() < 0.5,
                                 "threshold": w["t"], "retries": w["k"], "mode": w["a"]})
                items.append(it)
                total += len(it) + 4
            chunks = [Chunk("{\n  \"version\": %d,\n  \"rules\": [\n    " % r.randint(1, 9) +
                            ",\n    ".join(items) + "\n  ]\n}\n")]
        elif kind == "fixture":
            chunks = [Chunk(fixture_json(r, size))]
        elif kind == "minjs":
            chunks = [Chunk(minified(r, size))]
        elif kind == "png":
            raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + r.randbytes(size)
            chunks = [Chunk(raw, pinned=True)]
        elif kind in ("zip", "zipstored", "jarzip", "tgz", "gz"):
            raw, where = archive_bytes(r, kind, size, s.get("key"))
            if kind == "gz":  # one compressed file: its member is named without ".gz"
                where = "!" + os.path.basename(s["path"])[:-3]
            chunks = [Chunk(raw, keys=[s["key"]] if s.get("key") else (), pinned=True, where=where)]
        elif kind == "b64secret":
            chunks = [Chunk(b64_secret(r, s.get("key")), keys=[s["key"]] if s.get("key") else (), pinned=True)]
        lang_of[s["path"]] = s
        return chunks

    def data_of(chunks):
        if isinstance(chunks[0].text, bytes):
            return chunks[0].text
        return "".join(c.text for c in chunks)

    def keys_of(chunks):
        ks = []
        for c in chunks:
            ks.extend(c.keys)
        return ks

    # ---- schedule ----------------------------------------------------------------
    # commit 0 holds the scaffold (root files, 4% of the rest); the others come in
    # over the history.  Special files that later commits change keep the same path.
    first = [s for s in specs if s["kind"] in ("pkgjson", "gitignore", "lock", "tsconfig", "ci",
                                                   "pyproject", "md4q", "envexample")]
    first_ids = set(id(s) for s in first)
    others = [s for s in specs if id(s) not in first_ids and s["path"] != "README.md"]
    readme = [s for s in specs if s["path"] == "README.md"]
    r.shuffle(others)
    n0 = int(len(others) * 0.04)
    initial = readme + first + others[:n0]
    later = others[n0:] + doomed
    r.shuffle(later)
    # The main line, with branch episodes (2-4 commits on a feature branch and
    # 0-2 on main, then a merge) about every 30 commits; then 3 unmerged
    # work-in-progress branches of 2 commits each; then a plain tail of >= 14
    # commits on main (HEAD~10 is well defined, the since key lands there).
    n_wip, wip_len, reserve_tail = 3, 2, 14
    body_budget = C - 1 - reserve_tail - n_wip * wip_len
    slots, used, n_addslots = [], 0, 0
    while used < body_budget:
        if used > 20 and r.random() < 1 / 30.0 and body_budget - used > 8:
            nb, nm = r.randint(2, 4), r.randint(0, 2)
            slots.append(("episode", nb, nm))
            used += nb + nm + 1
            n_addslots += nb + nm
        else:
            slots.append(("main",))
            used += 1
            n_addslots += 1
    add_at = {}
    for s in later:
        add_at.setdefault(r.randrange(max(1, n_addslots)), []).append(s)

    out_pipe = subprocess.Popen(["git", "-C", repo_dir, "fast-import", "--quiet",
                                 "--export-marks=" + os.path.join(out, "marks")],
                                stdin=subprocess.PIPE)
    stream = out_pipe.stdin
    R = Repo(stream, g.keys)

    when = 1577872800  # 2020-01-01 10:00 UTC
    main_tip = None
    main_files = {}   # path -> (blobmark, chunks)
    hist_mod_due = {}  # commit position -> list of paths to un-key
    doomed_due = {}
    branch_hist_pending = list(branch_hist)
    pos = 0           # commit counter (all commits)
    mainline = []     # first-parent marks, oldest first

    def tick():
        nonlocal when
        when += r.randint(600, 3 * 86400 // 2)
        if time.gmtime(when).tm_wday >= 5:
            when += 2 * 86400
        return when

    def msg_for():
        w = words(r)
        return r.choice(["%s %s %s" % (w["V"], w["a"], w["n"]), "fix: %s %s on %s" % (w["v"], w["n"], w["m"]),
                         "feat(%s): %s %s" % (w["n"], w["v"], w["m"]), "refactor %s %s" % (w["n"], w["m"]),
                         "chore: bump %s" % w["n"]])

    def write_file(files, path, chunks, changes, key_blobs):
        data = data_of(chunks)
        m = R.blob(data, keys_of(chunks))
        files[path] = (m, chunks)
        mode = "100644"
        changes.append(("M", path, m, mode))
        ks = keys_of(chunks)
        if ks:
            key_blobs.append((path, ks))

    def modify(files, path, changes, key_blobs):
        m, chunks = files[path]
        s = lang_of[path]
        chunks = list(chunks)
        if s["kind"] == "code":
            x = r.random()
            movable = [i for i, c in enumerate(chunks) if not c.pinned]
            if x < 0.5 and movable:
                chunks[r.choice(movable)] = Chunk(g.new_block(s["lang"], s.get("test")))
            elif x < 0.8 or not movable:
                chunks.append(Chunk(g.new_block(s["lang"], s.get("test"))))
            else:
                del chunks[r.choice(movable)]
        elif s["kind"] in ("md", "yaml"):
            chunks.append(Chunk("\n" + (markdown(r, 300) if s["kind"] == "md" else
                                        yaml_config(r, s.get("env", "dev")).split("\n", 1)[1])))
        elif s["kind"] == "lock":
            chunks = [Chunk(lockfile(r, s["size"]))]
        elif s["kind"] == "pkgjson":
            chunks = [Chunk(package_json(r, path.split("/")[-2] if "/" in path else "monorepo"))]
        elif s["kind"] == "k8s":
            chunks = [Chunk(k8s_yaml(r, s["env"], s["svc"]))]
        elif s["kind"] == "fixture":
            chunks = [Chunk(fixture_json(r, s["size"]))]
        elif s["kind"] == "cfgjson":
            t = chunks[0].text
            chunks = [Chunk(t.replace('"enabled": true', '"enabled": false', 1) if r.random() < 0.5
                            else t.replace('"enabled": false', '"enabled": true', 1))]
        else:
            return False
        write_file(files, path, chunks, changes, key_blobs)
        return True

    mod_ok = lambda p: lang_of[p]["kind"] in ("code", "md", "yaml", "cfgjson", "k8s", "pkgjson") or \
        (lang_of[p]["kind"] in ("lock", "fixture") and r.random() < 0.08)

    def mods_for(files, changes, key_blobs, avoid, n):
        done = 0
        tries = 0
        keys_list = g_paths_cache(files)
        while done < n and tries < n * 6 and keys_list:
            tries += 1
            p = keys_list[r.randrange(len(keys_list))]
            if p in avoid or p not in files or not mod_ok(p):
                continue
            if modify(files, p, changes, key_blobs):
                avoid.add(p)
                done += 1

    path_cache = {"n": -1, "list": []}

    def g_paths_cache(files):
        if path_cache["n"] != len(files) or path_cache.get("id") is not files:
            path_cache["list"] = list(files.keys())
            path_cache["n"] = len(files)
            path_cache["id"] = files
        return path_cache["list"]

    def do_commit(ref, files, parent, adds, n_mods, merge=None, extra=None, avoid=None):
        nonlocal pos
        changes, key_blobs = [], []
        avoid = avoid if avoid is not None else set()
        for s in adds:
            chunks = realise(s)
            write_file(files, s["path"], chunks, changes, key_blobs)
            avoid.add(s["path"])
            if s.get("unkey") == "modify":
                due = pos + r.randint(5, 400)
                hist_mod_due.setdefault(due, []).append(s["path"])
            if s.get("doomed"):
                doomed_due.setdefault(pos + r.randint(3, 600), []).append(s["path"])
        if extra:
            extra(files, changes, key_blobs, avoid)
        mods_for(files, changes, key_blobs, avoid, n_mods)
        m = R.commit(ref, tick(), r.choice(AUTHORS), msg_for(), parent, merge, changes, key_blobs)
        pos += 1
        return m, changes

    def due_work(files):
        """Un-key and delete what is due at this position (main only)."""
        def extra(files_, changes, key_blobs, avoid):
            for p in hist_mod_due.pop(pos, []):
                if p in files_:
                    m, chunks = files_[p]
                    s = lang_of[p]
                    new = []
                    for c in chunks:
                        if c.keys:
                            hdr = (WEB[s["lang"]]["fourq_header"](None) if s["lang"] in WEB
                                   else py_fourq_header(r) if s["lang"] == "py" else go_fourq_header(r) if s["lang"] == "go"
                                   else jvm_fourq_header(r, None, kotlin=s["lang"] == "kt") if s["lang"] in ("java", "kt")
                                   else js_fourq_header(r, None))
                            new.append(Chunk(hdr, pinned=True))
                        else:
                            new.append(c)
                    write_file(files_, p, new, changes, key_blobs)
                    avoid.add(p)
            for p in doomed_due.pop(pos, []):
                if p in files_:
                    del files_[p]
                    changes.append(("D", p))
                    avoid.add(p)
        return extra

    # the initial commit
    m, _ = do_commit("refs/heads/main", main_files, None, initial, 0)
    main_tip = m
    mainline.append(m)
    slot_no = 0

    def adds_for_slot():
        nonlocal slot_no
        a = add_at.pop(slot_no, [])
        slot_no += 1
        return a

    def nmods():
        return min(12, int(r.expovariate(1 / 3.5)) + 1)

    for sl in slots:
        if sl[0] == "main":
            late_due = [k for k in list(hist_mod_due) if k < pos] + [k for k in list(doomed_due) if k < pos]
            for k in late_due:  # anything scheduled during a branch episode
                if k in hist_mod_due:
                    hist_mod_due.setdefault(pos, []).extend(hist_mod_due.pop(k))
                if k in doomed_due:
                    doomed_due.setdefault(pos, []).extend(doomed_due.pop(k))
            m, _ = do_commit("refs/heads/main", main_files, main_tip, adds_for_slot(), nmods(),
                             extra=due_work(main_files))
            main_tip = m
            mainline.append(m)
            continue
        # an episode: nb commits on a branch, nm on main, then the merge
        _, nb, nm = sl
        br_files = dict(main_files)
        br_tip = main_tip
        br_changed = {}
        avoid_main = set()
        plant = branch_hist_pending.pop() if branch_hist_pending and r.random() < 0.5 else None
        for j in range(nb):
            adds = adds_for_slot()

            def extra(files_, changes, key_blobs, avoid, plant=plant, j=j):
                if plant and j == 0:
                    p = g.unique("services/%s/src/clients/fourq%sClient.js" % (r.choice(SERVICES), cap(r.choice(NOUNS))))
                    s = {"path": p, "kind": "code", "lang": "js", "test": False, "size": 2500,
                         "fourq": True, "key": plant}
                    write_file(files_, p, realise(s), changes, key_blobs)
                    avoid.add(p)
                    hist_mod_due.setdefault(pos + r.randint(30, 300), []).append(p)
            br_tip, ch = do_commit("refs/heads/_episode", br_files, br_tip, adds, nmods(), extra=extra)
            for c in ch:
                br_changed[c[1]] = c
        avoid_main = set(br_changed)
        for j in range(nm):
            m, _ = do_commit("refs/heads/main", main_files, main_tip, adds_for_slot(), nmods(),
                             avoid=set(avoid_main))
            main_tip = m
            mainline.append(m)
        # merge: main's tree plus the branch's changes
        changes = []
        for p, c in sorted(br_changed.items()):
            if p in br_files:
                main_files[p] = br_files[p]
                changes.append(("M", p, br_files[p][0], "100644"))
            else:
                main_files.pop(p, None)
                changes.append(("D", p))
        key_blobs = [(p, keys_of(main_files[p][1])) for p in sorted(br_changed) if p in main_files]
        m = R.commit("refs/heads/main", tick(), r.choice(AUTHORS),
                     "Merge branch 'feature/%s-%s'" % (r.choice(NOUNS), r.choice(VERBS)),
                     main_tip, br_tip, changes, [kb for kb in key_blobs if kb[1]])
        pos += 1
        main_tip = m
        mainline.append(m)
        # what was due on the branch positions runs on main later (see "late_due")

    # leftovers: anything not yet added goes in now, spread over the tail commits
    left = [s for k in sorted(add_at) for s in add_at[k]]
    add_at.clear()
    # wip branches (unmerged): one key each
    wip_refs = []
    for wi, k in enumerate(wip_keys):
        files = dict(main_files)
        tip = main_tip
        ref = "refs/heads/wip/%s-%s" % (r.choice(NOUNS), r.choice(VERBS))
        for j in range(2):
            def extra(files_, changes, key_blobs, avoid, j=j, k=k):
                if j == 1:
                    p = g.unique("services/%s/src/clients/%sFourq.ts" % (r.choice(SERVICES), r.choice(NOUNS)))
                    s = {"path": p, "kind": "code", "lang": "ts", "test": False, "size": 3000,
                         "fourq": True, "key": k}
                    write_file(files_, p, realise(s), changes, key_blobs)
                    avoid.add(p)
            tip, _ = do_commit(ref, files, tip, [], nmods(), extra=extra)
        wip_refs.append(ref)
    # the tail on main: remaining adds, dues, the since key near the end
    tail_commits = C - pos
    for t in range(tail_commits):
        adds = left[t::max(1, tail_commits - 8)] if t < tail_commits - 8 else []
        late = [k for k in list(hist_mod_due) if k <= pos] + [k for k in list(doomed_due) if k <= pos]
        for k in late:
            if k in hist_mod_due and k != pos:
                hist_mod_due.setdefault(pos, []).extend(hist_mod_due.pop(k))
            if k in doomed_due and k != pos:
                doomed_due.setdefault(pos, []).extend(doomed_due.pop(k))
        if t == tail_commits - 6:
            # everything still due happens now: HEAD must not hold history keys
            for k in sorted(list(hist_mod_due)):
                if k != pos:
                    hist_mod_due.setdefault(pos, []).extend(hist_mod_due.pop(k))
            for k in sorted(list(doomed_due)):
                if k != pos:
                    doomed_due.setdefault(pos, []).extend(doomed_due.pop(k))
        if t == tail_commits - 3:
            p = "services/%s/src/clients/fourqSettlementClient.js" % SERVICES[0]
            g.used.add(p)
            adds = adds + [{"path": p, "kind": "code", "lang": "js", "test": False, "size": 2200,
                            "fourq": True, "key": since_key}]
        m, _ = do_commit("refs/heads/main", main_files, main_tip, adds, nmods(), extra=due_work(main_files))
        main_tip = m
        mainline.append(m)
    # release tags along the main line
    for v, frac in enumerate((0.2, 0.4, 0.6, 0.8, 0.95)):
        mk = mainline[int(len(mainline) * frac)]
        stream.write(b"reset refs/tags/v1.%d.0\nfrom :%d\n\n" % (v, mk))
    stream.write(b"done\n")
    stream.close()
    if out_pipe.wait() != 0:
        sys.exit("gen: git fast-import failed")
    git = lambda *a, **kw: subprocess.run(["git", "-C", repo_dir] + list(a), check=True, **kw)
    subprocess.run(["git", "-C", repo_dir, "update-ref", "-d", "refs/heads/_episode"],
                   stderr=subprocess.DEVNULL)
    print("gen: %d commits, %d blobs/commits marks, %.1fs" % (pos, R.mark, time.time() - T0), file=sys.stderr)
    if not args.no_repack:
        git("-c", "pack.threads=2", "repack", "-a", "-d", "-f", "-q", "--window=10", "--depth=50")
        git("commit-graph", "write", "--reachable")
        print("gen: repacked, %.1fs" % (time.time() - T0), file=sys.stderr)
    git("checkout", "-q", "-f", "main")

    # ---- the worktree: untracked and ignored files -------------------------------------
    def put(path, text):
        full = os.path.join(repo_dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)

    untracked_path = "scratch/notes-%s.md" % r.choice(NOUNS)
    put(untracked_path,
        "# local notes\n\nTried the sandbox with `%s`, works.\n" % untracked_key)
    put("services/%s/.env.local" % SERVICES[1], "FOURQ_API_KEY=%s\n" % ignored_keys[0])
    put("dist/bundle.js", minified(r, 200_000) + "\nvar k='%s';\n" % ignored_keys[1])
    nm_count = int(round(1200 * scale))
    for i in range(nm_count):
        pkg = "%s-%s" % (r.choice(NOUNS), r.choice(VERBS))
        put("node_modules/%s/lib/%s%d.js" % (pkg, r.choice(NOUNS), i),
            "".join(fill(b, r) for b in r.sample(JS_BLOCKS, 3)))
    put("node_modules/@4quays/sdk/README.md",
        "# @4quays/sdk\n\nQuick start: `new FourQuays({ apiKey: '%s' })`\n" % ignored_keys[2])
    for i in range(int(round(60 * scale))):
        put("python/%s/%s/__pycache__/m%d.cpython-311.pyc" % (PYSVCS[i % 5], PYSVCS[i % 5].replace("-", "_"), i),
            "\x00\x0d\x0d\x0a" + "x" * 300)

    # the index must not be racy: a later status would hash every file again
    time.sleep(1.2)
    subprocess.run(["git", "-C", repo_dir, "update-index", "-q", "--refresh"])
    subprocess.run(["git", "-C", repo_dir, "status", "--porcelain"], stdout=subprocess.DEVNULL)

    # ---- the manifest --------------------------------------------------------------
    marks = {}
    with open(os.path.join(out, "marks")) as f:
        for line in f:
            a, b = line.split()
            marks[int(a[1:])] = b
    head_loc = {}
    for p in sorted(main_files):
        for c in main_files[p][1]:
            for k in c.keys:
                head_loc.setdefault(k, []).append(p + c.where)
    since_marks = set(mainline[-10:])
    keys_out = []
    for k in g.keys.order:
        meta = g.keys.meta[k]
        h = hashlib.sha256(k.encode()).hexdigest()
        e = {"sha256": h, "kind": meta["kind"], "note": meta["note"], "length": len(k)}
        intent = meta["intent"]
        if intent in ("placeholder",):
            e["expect"] = "never"
            e["why"] = "placeholder"
        elif intent == "untracked":
            e["expect"] = "worktree-only"
            e["paths"] = [untracked_path]
        elif intent == "ignored":
            e["expect"] = "never"
            e["why"] = "gitignored file"
        elif k in head_loc:
            e["expect"] = "head"
            e["paths"] = head_loc[k]
        elif k in R.key_first:
            e["expect"] = "history"
        else:
            continue  # planned but never written (a small --files)
        if k in R.key_first:
            cm, p = R.key_first[k]
            e["introduced_in"] = marks.get(cm)
            e["first_path"] = p
            e["in_last_10_commits"] = cm in since_marks
        rules = []
        if e["expect"] in ("head", "worktree-only"):
            rules.append("FQ001")
            paths = e.get("paths", [])
            if meta["kind"] == "live" and any(p.endswith(".env.staging") or ".test." in p or "__tests__" in p for p in paths):
                rules.append("FQ004")
            if meta["kind"] == "test" and any(p.startswith(("deploy/production/", "config/production/")) for p in paths):
                rules.append("FQ004")
            if "FQ005" in meta["note"]:
                rules.append("FQ005")
        e["worktree_rules"] = rules
        keys_out.append(e)
    viol = []
    for p in sorted(main_files):
        for c in main_files[p][1]:
            for v in c.viol:
                viol.append({"rule": v, "path": p})
    head_bytes = 0
    for p, (m, ch) in main_files.items():
        d = data_of(ch)
        head_bytes += len(d) if isinstance(d, bytes) else len(d.encode())
    manifest = {
        "generator": "bench/gen.py", "seed": args.seed, "files_requested": F,
        "commits": pos, "head_files": len(main_files), "head_bytes": head_bytes,
        "head": subprocess.run(["git", "-C", repo_dir, "rev-parse", "HEAD"], capture_output=True,
                               text=True).stdout.strip(),
        "refs": wip_refs + ["refs/heads/main"] + ["refs/tags/v1.%d.0" % v for v in range(5)],
        "keys": keys_out,
        "code_violations": viol,
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    os.remove(os.path.join(out, "marks"))
    cnt = {}
    for e in keys_out:
        cnt[e["expect"]] = cnt.get(e["expect"], 0) + 1
    print("gen: %d files at HEAD, %.1f MB, %d commits; keys: %s; %d code violations"
          % (len(main_files), head_bytes / 1e6, pos, json.dumps(cnt, sort_keys=True), len(viol)),
          file=sys.stderr)


def pick_viol(r):
    """The planted code-rule violations of one 4Quays use (most uses are clean)."""
    kinds = []
    for rule, p in (("FQ020", 0.2), ("FQ021", 0.15), ("FQ022", 0.1), ("FQ010", 0.1),
                    ("FQ030", 0.25), ("FQ031", 0.2), ("FQ040", 0.15)):
        if r.random() < p:
            kinds.append(rule)
    return kinds


T0 = time.time()

if __name__ == "__main__":
    main()
