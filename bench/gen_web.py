"""C#, Ruby and PHP services for the benchmark generator (gen.py).

Each language is one entry of LANGS: its ordinary code blocks (format
templates over gen.py's words: {N} {M} {n} {m} {v} {V} {a} {k} {t}), a test
block, the file header, where its files live, and the 4Quays integration
block with the violations it can plant.  gen.py picks the language, fills the
templates and records the planted violations in the manifest.
"""

CS_BLOCKS = [
    """
    public sealed record {N}{M}(string Id, string {M}Id, long AmountMinor, string Currency)
    {{
        public decimal Amount => AmountMinor / 100m;
        public bool Is{A} => Currency == "EUR" && AmountMinor > {k};
    }}
""",
    """
    public async Task<IReadOnlyList<{N}>> {V}{N}sAsync(string {m}Id, int limit = {k})
    {{
        var rows = await _db.{N}s.Where(x => x.{M}Id == {m}Id && x.Status == "{a}")
            .Take(Math.Min(limit, 500)).ToListAsync();
        _logger.LogDebug("{v} {n}s for {{{M}Id}}: {{Count}}", {m}Id, rows.Count);
        return rows;
    }}
""",
    """
    [HttpGet("/{n}s/{{id}}")]
    public async Task<IActionResult> Get{N}(string id)
    {{
        var x = await _service.Find{N}Async(id);
        if (x is null)
        {{
            return NotFound();
        }}
        return Ok(new {{ x.Id, x.Status, Amount = x.AmountMinor / 100m }});
    }}
""",
]
CS_TEST_BLOCK = """
    [Fact]
    public void {V}{N}{M}()
    {{
        var x = new {N}{M}("{n}-{k}", "{m}", {t}, "EUR");
        Assert.True(x.Amount > 0);
    }}
"""

RB_BLOCKS = [
    """
  def {v}_{n}s({m}_id, limit: {k})
    rows = {N}.where({m}_id: {m}_id, status: "{a}").limit([limit, 500].min)
    Rails.logger.debug("{v} {n}s for #{{{m}_id}}: #{{rows.size}}")
    rows.map {{ |row| {{ id: row.id, amount: row.amount_minor / 100.0, currency: row.currency || "EUR" }} }}
  end
""",
    """
  def {n}_{m}_total({m})
    {m}.{n}s.select {{ |x| x.status == "{a}" }}.sum(&:amount_minor)
  rescue ActiveRecord::RecordNotFound => e
    Rails.logger.warn("no {n} for {m}: #{{e.message}}")
    0
  end
""",
    """
  def show_{n}
    x = {N}.find_by(id: params[:id])
    return head :not_found unless x

    render json: {{ id: x.id, status: x.status, amount: x.amount_minor / 100.0 }}
  end
""",
]
RB_TEST_BLOCK = """
  it "{v}s the {a} {n}" do
    x = {N}{M}.new(id: "{n}-{k}", amount_minor: {t})
    expect(x.amount_minor).to be > 0
  end
"""

PHP_BLOCKS = [
    """
    public function {v}{N}s(string ${m}Id, int $limit = {k}): array
    {{
        $rows = $this->db->table('{n}s')->where('{m}_id', ${m}Id)->where('status', '{a}')
            ->limit(min($limit, 500))->get();
        $this->logger->debug('{v} {n}s for {{id}}', ['id' => ${m}Id, 'count' => count($rows)]);
        return $rows->all();
    }}
""",
    """
    public function {n}Total(array ${m}s): int
    {{
        $total = 0;
        foreach (${m}s as $x) {{
            if ($x['status'] === '{a}') {{
                $total += (int) $x['amount_minor'];
            }}
        }}
        return $total;
    }}
""",
    """
    public function show{N}(Request $request, string $id): JsonResponse
    {{
        $x = {N}::find($id);
        if ($x === null) {{
            abort(404);
        }}
        return response()->json(['id' => $x->id, 'status' => $x->status, 'amount' => $x->amount_minor / 100]);
    }}
""",
]
PHP_TEST_BLOCK = """
    public function test{V}{N}{M}(): void
    {{
        $x = new {N}{M}('{n}-{k}', {t});
        $this->assertGreaterThan(0, $x->amountMinor);
    }}
"""

CS_SVCS = ["Payments.Api", "Ledger.Api", "Refunds.Worker"]
RB_SVCS = ["billing", "onboarding"]
PHP_SVCS = ["merchant-portal", "invoicing"]


def cap(s):
    return s[:1].upper() + s[1:]


def cs_path(svc, n1, n2, test):
    if test:
        return "dotnet/%s.Tests/%s%sTests.cs" % (svc, cap(n1), cap(n2))
    return "dotnet/%s/%s/%s%s.cs" % (svc, cap(n1), cap(n1), cap(n2))


def rb_path(svc, n1, n2, test):
    if test:
        return "ruby/%s/spec/%s/%s_%s_spec.rb" % (svc, n1, n1, n2)
    return "ruby/%s/app/%s/%s_%s.rb" % (svc, n1, n1, n2)


def php_path(svc, n1, n2, test):
    if test:
        return "php/%s/tests/Unit/%s%sTest.php" % (svc, cap(n1), cap(n2))
    return "php/%s/app/%s/%s%s.php" % (svc, cap(n1), cap(n1), cap(n2))


def cs_header(ns, cls, test):
    if test:
        return "using Xunit;\n\nnamespace Corp.Tests;\n\npublic class %sTests\n{\n" % cls
    return ("using Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.Logging;\n\nnamespace Corp.%s;\n\n"
            "public class %sService\n{\n    private readonly ILogger<%sService> _logger;\n" % (cap(ns), cls, cls))


def rb_header(ns, cls, test):
    if test:
        return 'require "rails_helper"\n\nRSpec.describe %s do\n' % cls
    return "class %sService\n" % cls


def php_header(ns, cls, test):
    if test:
        return "<?php\n\nuse PHPUnit\\Framework\\TestCase;\n\nfinal class %sTest extends TestCase\n{\n" % cls
    return ("<?php\n\nnamespace App\\%s;\n\nuse Illuminate\\Http\\JsonResponse;\nuse Illuminate\\Http\\Request;\n\n"
            "final class %sService\n{\n" % (cap(ns), cls))


def cs_fourq_header(key):
    api = '"%s"' % key if key else 'Environment.GetEnvironmentVariable("FOURQ_API_KEY")'
    return "\n    private readonly FourQClient _fourq = new FourQClient(%s);\n" % api


def rb_fourq_header(key):
    api = '"%s"' % key if key else 'ENV.fetch("FOURQ_API_KEY")'
    return "\n  FOURQ = FourQuays::Client.new(api_key: %s)\n" % api


def php_fourq_header(key):
    api = "'%s'" % key if key else "getenv('FOURQ_API_KEY')"
    return "\n    private const FOURQ_KEY_SOURCE = 'env';\n\n    private function fourq(): \\FourQuays\\Client\n" \
           "    {\n        return new \\FourQuays\\Client(%s);\n    }\n" % api


def cs_fourq_block(N, pol, kinds):
    viol = []
    s = "\n    public async Task<Protected> Protect%sAsync(%sPayload payload)\n    {\n" % (N, N)
    if "FQ020" in kinds:
        s += '        _logger.LogInformation("protecting {@Payload}", payload);\n'
        viol.append("FQ020")
    if "FQ031" in kinds:
        s += '        var result = await _fourq.ProtectAsync(payload, "%s");\n' % pol
        viol.append("FQ031")
    else:
        s += ('        Protected result;\n        try\n        {\n'
              '            result = await _fourq.ProtectAsync(payload, "%s");\n        }\n'
              '        catch (FourQException e)\n        {\n'
              '            _logger.LogError("protect failed: {Code}", e.Code);\n            throw;\n        }\n' % pol)
    if "FQ021" in kinds:
        s += "        result.Version = 2;\n"
        viol.append("FQ021")
    s += "        return result;\n    }\n"
    return s, viol


def rb_fourq_block(N, pol, kinds):
    viol = []
    s = "\n  def protect_%s(payload)\n" % N.lower()
    if "FQ020" in kinds:
        s += '    Rails.logger.info("protecting #{payload.inspect}")\n'
        viol.append("FQ020")
    if "FQ031" in kinds:
        s += '    result = FOURQ.protect(payload, "%s")\n' % pol
        viol.append("FQ031")
    else:
        s += ('    result = begin\n      FOURQ.protect(payload, "%s")\n    rescue FourQuays::Error => e\n'
              '      Rails.logger.error("protect failed: #{e.code}")\n      raise\n    end\n' % pol)
    if "FQ021" in kinds:
        s += "    result[:version] = 2\n"
        viol.append("FQ021")
    s += "    result\n  end\n"
    return s, viol


def php_fourq_block(N, pol, kinds):
    viol = []
    s = "\n    public function protect%s(array $payload): array\n    {\n" % N
    if "FQ020" in kinds:
        s += "        $this->logger->info('protecting', ['payload' => $payload]);\n"
        viol.append("FQ020")
    if "FQ031" in kinds:
        s += "        $result = $this->fourq()->protect($payload, '%s');\n" % pol
        viol.append("FQ031")
    else:
        s += ("        try {\n            $result = $this->fourq()->protect($payload, '%s');\n"
              "        } catch (\\FourQuays\\FourQException $e) {\n"
              "            $this->logger->error('protect failed', ['code' => $e->getCode()]);\n"
              "            throw $e;\n        }\n" % pol)
    if "FQ021" in kinds:
        s += "        $result['version'] = 2;\n"
        viol.append("FQ021")
    if "FQ040" in kinds:
        s += "        $this->http->post('https://ledger.example.com/hooks', ['json' => $result, 'verify' => false]);\n"
        viol.append("FQ040")
    s += "        return $result;\n    }\n"
    return s, viol


# lang -> what gen.py needs; "close" ends the class the header opens.
LANGS = {
    "cs": {"blocks": CS_BLOCKS, "test": CS_TEST_BLOCK, "svcs": CS_SVCS, "path": cs_path,
           "header": cs_header, "close": "}\n", "fourq_header": cs_fourq_header,
           "fourq_block": cs_fourq_block, "kinds": ("FQ020", "FQ021", "FQ010", "FQ031")},
    "rb": {"blocks": RB_BLOCKS, "test": RB_TEST_BLOCK, "svcs": RB_SVCS, "path": rb_path,
           "header": rb_header, "close": "end\n", "fourq_header": rb_fourq_header,
           "fourq_block": rb_fourq_block, "kinds": ("FQ020", "FQ021", "FQ010", "FQ031")},
    "php": {"blocks": PHP_BLOCKS, "test": PHP_TEST_BLOCK, "svcs": PHP_SVCS, "path": php_path,
            "header": php_header, "close": "}\n", "fourq_header": php_fourq_header,
            "fourq_block": php_fourq_block, "kinds": ("FQ020", "FQ021", "FQ010", "FQ031", "FQ040")},
}
