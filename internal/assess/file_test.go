package assess

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

func TestRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/economy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, s, err := Parse("economy.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(f.Items) != 9 || len(s.Items) != 9 || f.Class != "经济发展类" || len(f.Checkpoints) != 4 {
		t.Fatalf("parsed %d items, class %q", len(f.Items), f.Class)
	}
	total := score.Num{}
	for _, it := range s.Items {
		total = total.Add(it.Points)
	}
	if total.String() != "100" {
		t.Fatalf("points add up to %s, want 100", total)
	}
	if q := s.TopQuota.String(); q != "0.3" {
		t.Fatalf("top quota 30%% = %s", q)
	}
	// The file is in canonical form: exporting what was imported gives it back byte for byte.
	out, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, data) {
		t.Fatalf("export differs from the file imported:\n%s", out)
	}
	// And the engine scores with it.
	units := []score.Unit{{ID: 1, Code: "KCJ", Name: "科技创新局", Values: map[string]score.Input{
		"KJ02": {Actual: score.Ref(score.MustDec("1900")), Target: score.Ref(score.MustDec("2000"))}}}}
	res, err := score.Score(s, units)
	if err != nil || len(res) != 1 {
		t.Fatalf("Score = %v, %v", res, err)
	}
	for _, it := range res[0].Items {
		// 1,900 / 2,000 × 10 = 9.5, and 签约引进项目 (10 points, missing: exclude) has no
		// figure, so its points are shared out: 9.5 × 100 / 90 = 10.555555555556.
		if it.Code == "KJ02" && it.Points.String() != "10.555555555556" {
			t.Fatalf("KJ02 = %s, want 10.555555555556", it.Points)
		}
	}
}

func TestProblemsByLine(t *testing.T) {
	data := []byte(`year: 2019
class: 经济发展类
name: 有错的方案
items:
  - code: A
    name: 甲
    points: 十
    rule:
      proportional: {}
  - code: A
    name: 乙
    points: 10
    direction: up
    rule:
      proportional: {}
      threshold: {}
  - code: C
    name: 丙
    points: 10
    rule:
      efficacy:
        disallowed: 20
        satisfactory: 10
`)
	_, _, err := Parse("bad.yaml", data)
	var ie *i18n.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("Parse = %v", err)
	}
	text := ie.In(i18n.ZH)
	for _, want := range []string{"第 5 行“A points”列：“十”不是数字", "第 10 行“A code”列：指标编码“A”为空或重复。",
		"第 10 行“A direction”列：方向“up”应为 higher", "第 10 行“A rule”列：每个指标须且只须写一种计分规则，这里写了 2 种。"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	// Once the file's own problems are fixed, the engine's are reported on the item's line.
	fixed := strings.NewReplacer("points: 十", "points: 10", "  - code: A\n    name: 乙", "  - code: B\n    name: 乙",
		"    direction: up\n", "", "      threshold: {}\n", "").Replace(string(data))
	_, _, err = Parse("bad.yaml", []byte(fixed))
	if !errors.As(err, &ie) || !strings.Contains(ie.In(i18n.ZH), "第 15 行“C”列：满意值必须高于不允许值") {
		t.Fatalf("engine problem = %v", err)
	}
	if _, _, err := Parse("bad.yaml", []byte("year: 2019\nclass: x\nitems: [\n")); !errors.As(err, &ie) || !strings.Contains(ie.In(i18n.EN), "row 3: The file is not well formed here (YAML)") ||
		strings.Contains(ie.In(i18n.EN), "yaml:") {
		t.Fatalf("broken YAML = %v", err)
	}
	if _, _, err := Parse("bad.yaml", []byte("year: 2019\nclass: x\nname: y\nitems: []\nsurprise: 1\n")); err == nil {
		t.Fatal("an unknown field was accepted")
	}
}

// The documentation's complete example is the test file itself.
func TestDocumentedExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ASSESSMENT_SCHEME.md")
	if err != nil {
		t.Fatal(err)
	}
	file, _ := os.ReadFile("testdata/economy.yaml")
	if !strings.Contains(string(doc), "```yaml\n"+string(file)+"```") {
		t.Fatal("docs/ASSESSMENT_SCHEME.md's example differs from testdata/economy.yaml")
	}
}
