package assess_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
)

func TestStoreVersions(t *testing.T) {
	body, err := os.ReadFile("testdata/economy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := assess.NewStore(d)
		st, changed, err := s.Save(ctx, audit.System, "economy.yaml", body)
		if err != nil || !changed || st.Version != 1 || st.Year != 2019 || st.Class != "经济发展类" {
			t.Fatalf("first save = %+v, %v, %v", st, changed, err)
		}
		if st, changed, err := s.Save(ctx, audit.System, "economy.yaml", body); err != nil || changed || st.Version != 1 {
			t.Fatalf("saving the same file again = %+v, %v, %v", st, changed, err)
		}
		revised := bytes.Replace(body, []byte("    points: 15\n"), []byte("    points: 14\n"), 1)
		revised = bytes.Replace(revised, []byte("    points: 5\n"), []byte("    points: 6\n"), 1)
		if st, changed, err := s.Save(ctx, audit.System, "economy.yaml", revised); err != nil || !changed || st.Version != 2 {
			t.Fatalf("a revision = %+v, %v, %v", st, changed, err)
		}
		latest, err := s.Latest(ctx, 2019, "经济发展类")
		if err != nil || latest.Version != 2 || !bytes.Equal(latest.Body, revised) {
			t.Fatalf("latest = v%d, %v", latest.Version, err)
		}
		bad := bytes.Replace(body, []byte("points: 10"), []byte("points: ten"), 1)
		_, _, err = s.Save(ctx, audit.System, "economy.yaml", bad)
		var ie *i18n.ImportError
		if !errors.As(err, &ie) || !strings.Contains(ie.In(i18n.EN), "“ten” is not a number") {
			t.Fatalf("a bad file = %v", err)
		}
		if latest, _ := s.Latest(ctx, 2019, "经济发展类"); latest.Version != 2 {
			t.Fatal("a refused file became a version")
		}
		entries, _ := audit.List(ctx, d, audit.Filter{Action: "scheme.import"})
		if len(entries) != 2 {
			t.Fatalf("%d scheme imports in the trail, want 2", len(entries))
		}
	})
}
