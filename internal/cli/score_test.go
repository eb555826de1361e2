package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/score"
)

type scoreOutput struct {
	Year   int    `json:"year"`
	Period string `json:"period"`
	Units  []struct {
		Class      string `json:"class"`
		Code       string `json:"code"`
		Name       string `json:"name"`
		Rank       int    `json:"rank"`
		Grade      string `json:"grade"`
		Total      json.Number
		TotalExact string `json:"total_exact"`
		Items      []struct {
			Code        string      `json:"code"`
			Points      json.Number `json:"points"`
			Explanation string      `json:"explanation"`
		} `json:"items"`
	} `json:"units"`
}

// gaoxin score prints the same numbers as the published Q3 results, which
// the result pages show.
func TestScoreMatchesPublished(t *testing.T) {
	path := demoDB(t)
	code, out, errOut := run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q3", "--format", "json")
	if code != 0 {
		t.Fatalf("score = %d: %s", code, errOut)
	}
	var got scoreOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%.500s", err, out)
	}
	if got.Year != 2019 || got.Period != "Q3" || len(got.Units) != 26 {
		t.Fatalf("year %d period %s units %d", got.Year, got.Period, len(got.Units))
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	classes := map[string]*assess.Result{}
	for _, c := range []string{"经济发展类", "社会管理类", "党群类", "街道"} {
		p, err := assess.NewResultStore(d).Latest(context.Background(), 2019, "Q3", c)
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if classes[c], err = p.Result(); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range got.Units {
		r := classes[u.Class]
		var want *assess.UnitResult
		for i := range r.Units {
			if r.Units[i].Code == u.Code {
				want = &r.Units[i]
			}
		}
		if want == nil {
			t.Fatalf("%s not published in %s", u.Code, u.Class)
		}
		if u.TotalExact != want.Total.String() || string(u.Total) != score.Round(want.Total, 2).String() || u.Rank != want.Rank || u.Grade != want.Grade {
			t.Errorf("%s: %s %s #%d %s, published %s #%d %s", u.Name, u.Total, u.TotalExact, u.Rank, u.Grade, want.Total, want.Rank, want.Grade)
		}
		for k, it := range u.Items {
			if it.Explanation != want.Items[k].Why.ZH || it.Code != want.Items[k].Code {
				t.Errorf("%s %s: %q, published %q", u.Code, it.Code, it.Explanation, want.Items[k].Why.ZH)
			}
		}
	}
	// The table: a class heading, then ranked rows with grades.
	code, out, _ = run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q3", "--class", "街道")
	if code != 0 || !strings.Contains(out, "街道 · 前三季度") || !strings.Contains(out, "新城街道") || strings.Contains(out, "经济发展局") {
		t.Fatalf("table = %d\n%s", code, out)
	}
	if code, out, _ := run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q3", "--published", "--format", "json"); code != 0 || !strings.Contains(out, "新城街道") {
		t.Fatalf("--published = %d", code)
	}
}

func TestScoreMistakes(t *testing.T) {
	path := demoDB(t)
	if code, _, errOut := run(t, "", "score", "--db", path); code != 2 || !strings.Contains(errOut, "--year") {
		t.Errorf("without --year: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q2"); code != 2 || !strings.Contains(errOut, "Q1, H1, Q3 or Y") {
		t.Errorf("--period Q2: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "score", "--db", path, "--year", "2018"); code != 1 || !strings.Contains(errOut, "no adopted scheme") {
		t.Errorf("a year without schemes: %d %s", code, errOut)
	}
	// A scheme file to try: a broken one is refused by line, a good one scores.
	st := exportedScheme(t, path)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(st, "points: 15", "points: 十五", 1)), 0o600)
	if code, _, errOut := run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q3", "--scheme", bad); code != 1 || !strings.Contains(errOut, "十五") {
		t.Errorf("a broken scheme: %d %s", code, errOut)
	}
	good := filepath.Join(t.TempDir(), "good.yaml")
	os.WriteFile(good, []byte(st), 0o600)
	if code, out, errOut := run(t, "", "score", "--db", path, "--year", "2019", "--period", "Q3", "--scheme", good); code != 0 || !strings.Contains(out, "新城街道") {
		t.Errorf("a scheme file: %d %s", code, errOut)
	}
}

func exportedScheme(t *testing.T, path string) string {
	t.Helper()
	code, out, errOut := run(t, "", "export", "scheme", "--db", path, "--year", "2019", "--class", "街道")
	if code != 0 {
		t.Fatalf("export scheme = %d %s", code, errOut)
	}
	return out
}
