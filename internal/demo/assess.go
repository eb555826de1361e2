package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
)

// The 2019 schemes of the four classes, as the assessment office would
// write its 考核办法 (docs/ASSESSMENT_SCHEME.md describes the format).
//
//go:embed schemes/*.yaml
var schemeFiles embed.FS

var schemeNames = []string{"economy", "society", "party", "street"}

// publishedPeriods are the checkpoints whose results the demo publishes,
// with the day the office published each; the year's is still in progress
// on the demo's "today".
var publishedPeriods = []struct {
	period string
	on     time.Time
}{
	{"Q1", at(Year, 4, 22, 10)},
	{"H1", at(Year, 7, 19, 10)},
	{"Q3", at(Year, 10, 21, 10)},
}

// fixed is a clock stopped at t.
func fixed(t time.Time) func() time.Time { return func() time.Time { return t } }

// loadAssessment writes the 2019 assessment: the four classes' schemes,
// the records and ratings, the peer groups, Q1–Q3's published results, and
// a draft revision of the economic class's scheme to try in what-if.
func loadAssessment(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	schemes := assess.NewStore(d)
	schemes.SetClock(fixed(at(Year, 2, 26, 10))) // the 考核办法 is issued after the Spring Festival
	var economy []byte
	for _, name := range schemeNames {
		body, err := schemeFiles.ReadFile("schemes/" + name + ".yaml")
		if err != nil {
			return err
		}
		if _, _, err := schemes.Save(ctx, who.office, name+".yaml", body); err != nil {
			return fmt.Errorf("demo scheme %s: %w", name, err)
		}
		if name == "economy" {
			economy = body
		}
	}
	if err := loadAssessRecords(ctx, d, ids, who); err != nil {
		return err
	}
	if err := loadPeers(ctx, d, ids, who); err != nil {
		return err
	}
	var periods []string
	for _, p := range publishedPeriods {
		periods = append(periods, p.period)
	}
	computed, err := assess.ComputeCheckpoints(ctx, d, Year, periods, "")
	if err != nil {
		return fmt.Errorf("demo results: %w", err)
	}
	results := assess.NewResultStore(d)
	for _, p := range publishedPeriods {
		results.SetClock(fixed(p.on))
		if _, _, err := results.PublishAll(ctx, who.office, computed[p.period], "考核办公室按季度通报"); err != nil {
			return err
		}
	}
	schemes.SetClock(fixed(at(Year, 12, 5, 16)))
	_, _, err = schemes.SaveDraft(ctx, who.office, "economy-draft.yaml", draftRevision(economy))
	return err
}

// draftRevision is the revision the office is weighing for next year: more
// weight on patents, less on the appraisal.
func draftRevision(body []byte) []byte {
	body = bytes.Replace(body, []byte("    indicator: KJ01\n    points: 15\n"), []byte("    indicator: KJ01\n    points: 20\n"), 1)
	return bytes.Replace(body, []byte("    name_en: Democratic appraisal\n    points: 15\n"), []byte("    name_en: Democratic appraisal\n    points: 10\n"), 1)
}
