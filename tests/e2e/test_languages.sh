#!/usr/bin/env bash
# The languages beyond JavaScript and Python in a whole repository: Spring
# profiles and Maven/Gradle test folders give environments (SPEC §4), and
# the repository checks find the guide's failure scenarios (FQ063) in Go
# tests, JUnit tests and Kotest specs, whatever their folder.
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

finish
