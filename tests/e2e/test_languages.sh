#!/usr/bin/env bash
# The languages beyond JavaScript and Python in a whole repository: Spring
# profiles and Maven/Gradle test folders give environments (SPEC §4), and
# the repository checks find the guide's failure scenarios (FQ063) in Go
# tests, JUnit tests and Kotest specs, whatever their folder; .NET
# appsettings, Rails and Laravel environments, and xUnit, RSpec, minitest
# and PHPUnit tests likewise.  A Rails credentials key committed beside its
# encrypted credentials is FQ050.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scenarios() { jq -r '[.findings[] | select(.rule_id == "FQ063") | .message | capture("exercises (?<s>[A-Za-z ]+?):").s] | sort | join(",")' "$OUT"; }

R=$T/jvm
newrepo "$R"
mkdir -p "$R/src/main/resources" "$R/src/main/kotlin/pay" "$R/src/test/kotlin/pay" "$R/src/test/java/pay" \
	"$R/internal/transfer" "$R/src/main/java/pay"
cat >"$R/src/main/resources/application-prod.yml" <<'YAML'
fourq:
  transfer-policy: BANK-TRANSFER-DEV-001
YAML
cat >"$R/src/main/resources/application-dev.properties" <<'PROPS'
fourq.transfer-policy=BANK-TRANSFER-PROD-001
PROPS
cat >"$R/src/main/kotlin/pay/Sealer.kt" <<'KT'
package pay

class Sealer(private val fourq: FourQClient) {
    fun seal(t: Transfer): Protected = try {
        fourq.protect(validator.validate(t), "BANK-TRANSFER-PROD-001")
    } catch (e: FourQException) {
        log.error("protect failed: {}", e.code)
        throw e
    }
}
KT
cat >"$R/src/test/kotlin/pay/SealerSpec.kt" <<'KT'
package pay

class SealerSpec : StringSpec({
    "an invalid API key is reported" {
        val fourq = FourQClient("not-a-key")
        shouldThrow<FourQException> { fourq.protect(t, "BANK-TRANSFER-DEV-001") }.code shouldBe "INVALID_API_KEY"
    }
})
KT
cat >"$R/internal/transfer/seal_test.go" <<'GO'
package transfer

func TestUnreachable(t *testing.T) {
	c := fourq.NewClient("k", fourq.WithBaseURL("https://127.0.0.1:1"))
	if _, err := c.Protect(context.Background(), p, "BANK-TRANSFER-DEV-001"); !strings.Contains(err.Error(), "connection refused") {
		t.Fatal(err)
	}
}
GO
cat >"$R/src/test/java/pay/PolicyTest.java" <<'JAVA'
package pay;

class PolicyTest {
    @Test void unknownPolicy() {
        FourQException e = assertThrows(FourQException.class, () -> fourq.protect(t, "NO-SUCH-POLICY"));
        assertEquals("POLICY_NOT_FOUND", e.getCode());
    }
}
JAVA
cat >"$R/src/main/java/pay/KeyExpiryTest.java" <<'JAVA'
package pay;

class KeyExpiryTest {
    @Test void expired() {
        FourQException e = assertThrows(FourQException.class, () -> fourq.protect(t, "BANK-TRANSFER-DEV-001"));
        assertEquals("KEY_EXPIRED", e.getCode());
    }
}
JAVA
commit "$R" "jvm and go"

case_ "Spring profiles give their files an environment"
fq jvm audit "$R" --format json
expect_n 1 '.rule_id == "FQ011" and .path == "src/main/resources/application-prod.yml"' "$OUT" "a DEV policy in application-prod.yml"
expect_n 1 '.rule_id == "FQ011" and .path == "src/main/resources/application-dev.properties"' "$OUT" "a PROD policy in application-dev.properties"
expect_n 0 '.rule_id == "FQ011" and (.path | startswith("src/test/") or endswith("_test.go") or endswith("Test.java"))' "$OUT" \
	"DEV policies in tests"
expect_n 0 '.rule_id == "FQ010"' "$OUT" "a made-up policy in a test is no FQ010"

case_ "Kotest, Go and JUnit tests count for the failure scenarios"
[ "$(scenarios)" = "" ] || fail "scenarios still missing: $(scenarios)"
jqt '.unanalysed == []' "$OUT" "every file was read"
jqt '.checklist[] | select(.id == "C03") | .status == "PASS"' "$OUT" "C03 passes"

case_ "the same files outside test conventions are no tests"
R2=$T/notests
newrepo "$R2"
mkdir -p "$R2/pay"
cp "$R/src/test/kotlin/pay/SealerSpec.kt" "$R2/pay/Sealer.kt"
cp "$R/internal/transfer/seal_test.go" "$R2/pay/seal.go"
cp "$R/src/test/java/pay/PolicyTest.java" "$R2/pay/Policy.java"
cp "$R/src/main/java/pay/KeyExpiryTest.java" "$R2/pay/KeyExpiry.java"
commit "$R2" "no tests"
fq notests audit "$R2" --format json
[ "$(scenarios)" = "a network failure,a policy that does not exist,an expired key,an invalid API key" ] ||
	fail "expected all four scenarios missing, got: $(scenarios)"

case_ ".NET, Rails and Laravel files get their environments"
R3=$T/web
newrepo "$R3"
mkdir -p "$R3/Api" "$R3/Api.Tests" "$R3/config/environments" "$R3/config/credentials" "$R3/spec" "$R3/test" \
	"$R3/tests/Feature" "$R3/app"
printf '{ "FourQ": { "TransferPolicy": "BANK-TRANSFER-DEV-001" } }\n' >"$R3/Api/appsettings.Production.json"
printf '{ "FourQ": { "TransferPolicy": "BANK-TRANSFER-PROD-001" } }\n' >"$R3/Api/appsettings.Development.json"
printf '{ "FourQ": { "TransferPolicy": "BANK-TRANSFER-STAGING-001" } }\n' >"$R3/Api/appsettings.Staging.json"
cat >"$R3/Api/docker-compose.yml" <<'YAML'
services:
  api:
    environment:
      ASPNETCORE_ENVIRONMENT: Production
      FourQ__TransferPolicy: BANK-TRANSFER-QA-001
YAML
cat >"$R3/config/environments/production.rb" <<'RB'
Rails.application.configure do
  config.x.fourq.transfer_policy = "BANK-TRANSFER-DEV-001"
end
RB
cat >"$R3/config/environments/development.rb" <<'RB'
Rails.application.configure do
  config.x.fourq.transfer_policy = "BANK-TRANSFER-DEV-001"
end
RB
printf 'APP_ENV=production\nFOURQ_POLICY=BANK-TRANSFER-UAT-001\n' >"$R3/.env.production"
printf 'APP_ENV=production\nFOURQ_POLICY=BANK-TRANSFER-TEST-001\n' >"$R3/app/settings.env"
printf 'c2VhbGVkIGNyZWRlbnRpYWxz--abc--def==\n' >"$R3/config/credentials/production.yml.enc"
printf '0123456789abcdef0123456789abcdef\n' >"$R3/config/credentials/production.key"
printf '0123456789abcdef0123456789abcdef\n' >"$R3/config/master.key"
printf 'c2VhbGVkIGNyZWRlbnRpYWxz--abc--def==\n' >"$R3/config/credentials.yml.enc"
printf 'c2VhbGVkIGNyZWRlbnRpYWxz--abc--def==\n' >"$R3/config/credentials/staging.yml.enc"
cat >"$R3/Api.Tests/SealerTests.cs" <<'CS'
public class SealerTests {
    [Fact] public async Task InvalidKey() {
        var e = await Assert.ThrowsAsync<FourQException>(() => new FourQClient("bad").ProtectAsync(p, "BANK-TRANSFER-DEV-001"));
        Assert.Equal("INVALID_API_KEY", e.Code);
    }
}
CS
cat >"$R3/spec/sealer_spec.rb" <<'RB'
RSpec.describe Sealer do
  it "reports an unknown policy" do
    expect { client.protect(t, "NO-SUCH-POLICY") }.to raise_error(FourQuays::Error, /POLICY_NOT_FOUND/)
  end
end
RB
cat >"$R3/test/sealer_test.rb" <<'RB'
class SealerTest < Minitest::Test
  def test_expired_key
    e = assert_raises(FourQuays::Error) { client.protect(t, "BANK-TRANSFER-DEV-001") }
    assert_equal "KEY_EXPIRED", e.code
  end
end
RB
cat >"$R3/tests/Feature/SealerTest.php" <<'PHP'
<?php
test('a network failure is retried', function () {
    $client = new FourQuays\Client('k', ['base_uri' => 'https://127.0.0.1:1']);
    expect(fn () => $client->protect($t, 'BANK-TRANSFER-DEV-001'))->toThrow('connection refused');
});
PHP
commit "$R3" "web"
fq web audit "$R3" --format json
expect_n 1 '.rule_id == "FQ011" and .path == "Api/appsettings.Production.json"' "$OUT" "a DEV policy in appsettings.Production.json"
expect_n 1 '.rule_id == "FQ011" and .path == "Api/appsettings.Development.json"' "$OUT" "a PROD policy in appsettings.Development.json"
expect_n 0 '.rule_id == "FQ011" and .path == "Api/appsettings.Staging.json"' "$OUT" "a STAGING policy in appsettings.Staging.json"
expect_n 1 '.rule_id == "FQ011" and .path == "Api/docker-compose.yml"' "$OUT" "a QA policy beside ASPNETCORE_ENVIRONMENT=Production"
expect_n 1 '.rule_id == "FQ011" and .path == "config/environments/production.rb"' "$OUT" "a DEV policy in config/environments/production.rb"
expect_n 0 '.rule_id == "FQ011" and .path == "config/environments/development.rb"' "$OUT" "a DEV policy in development.rb"
expect_n 1 '.rule_id == "FQ011" and .path == ".env.production"' "$OUT" "a UAT policy in .env.production"
expect_n 1 '.rule_id == "FQ011" and .path == "app/settings.env"' "$OUT" "a TEST policy beside APP_ENV=production"
expect_n 0 '.rule_id == "FQ011" and (.path | test("Tests?[.]|_spec[.]|_test[.]"))' "$OUT" "DEV policies in xUnit, RSpec, minitest and Pest tests"

case_ "xUnit, RSpec, minitest and Pest/PHPUnit tests count for the failure scenarios"
[ "$(scenarios)" = "" ] || fail "scenarios still missing: $(scenarios)"

case_ "a Rails credentials key committed beside its credentials is FQ050"
expect_n 1 '.rule_id == "FQ050" and .path == "config/credentials/production.key" and .severity == "high"' "$OUT" \
	"config/credentials/production.key"
expect_n 1 '.rule_id == "FQ050" and .path == "config/master.key" and .severity == "high"' "$OUT" "config/master.key"
expect_n 0 '.rule_id == "FQ050" and (.path | endswith(".yml.enc"))' "$OUT" "the encrypted credentials themselves"
jqt '[.findings[] | select(.rule_id == "FQ050" and (.path | endswith(".key"))) | .snippet // ""] | all(. == "")' "$OUT" \
	"the key file's content is not shown"

case_ "other key files, and a credentials key not tracked, are no FQ050"
R4=$T/keys
newrepo "$R4"
mkdir -p "$R4/config/credentials" "$R4/certs" "$R4/myconfig"
printf -- '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n' >"$R4/config/credentials/tls.key"
printf '0123456789abcdef0123456789abcdef\n' >"$R4/certs/server.key"
printf '0123456789abcdef0123456789abcdef\n' >"$R4/myconfig/master.key"
printf 'c2VhbGVkIGNyZWRlbnRpYWxz--abc--def==\n' >"$R4/config/credentials.yml.enc"
commit "$R4" "keys"
printf '0123456789abcdef0123456789abcdef\n' >"$R4/config/master.key"
fq keys scan "$R4" --format json
expect_n 0 '.rule_id == "FQ050"' "$OUT" "a PEM key under config/credentials, hex keys elsewhere, an untracked master.key"
jqt '.stats.files >= 4' "$OUT" "the key files were read"

finish
