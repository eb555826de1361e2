package peers_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
)

// The file example of docs/PEERS.md imports as it stands, and the refusal
// it shows is what a file with those two slips gets.
func TestDocExample(t *testing.T) {
	body, err := os.ReadFile("../../docs/PEERS.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(body), "```")
	if len(parts) < 4 {
		t.Fatal("docs/PEERS.md has no examples")
	}
	_, example, _ := strings.Cut(parts[1], "\n")
	_, refusal, _ := strings.Cut(parts[3], "\n")
	lines := strings.Split(strings.TrimSpace(example), "\n")
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		res, err := s.Import(ctx, office, csvTable(t, "peers.csv", lines...), 0, false)
		if err != nil || res.Groups != 2 || res.Values != 5 {
			t.Fatalf("doc example = %+v, %v", res, err)
		}
		sheets, _ := s.Year(ctx, 2019)
		days, _ := sheets[1].Indicator("KBYS")
		if st := sheets[1].Standing(days); st.Rank != 2 || st.Count != 2 {
			t.Errorf("doc example: days to open a firm ranks %+v", st)
		}
		bad := append([]string{}, lines...)
		bad[2] = strings.Replace(bad[2], ",7.6,", ",约8,", 1)
		bad[4] = strings.Replace(bad[4], "越小越好", "向上", 1)
		_, err = s.Import(ctx, office, csvTable(t, "peers.csv", bad...), 0, false)
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) || strings.TrimSpace(ierr.In(i18n.ZH)) != strings.TrimSpace(refusal) {
			t.Errorf("refusal =\n%v\nwant\n%s", err, refusal)
		}
	})
}
