package planio_test

import (
	"os"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/planio"
)

// docBlocks returns the fenced blocks of docs/PLAN_IMPORT.md.
func docBlocks(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../docs/PLAN_IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(b), "```")
	var blocks []string
	for i := 1; i < len(parts); i += 2 {
		_, body, _ := strings.Cut(parts[i], "\n") // drop the language tag
		blocks = append(blocks, body)
	}
	return blocks
}

// The examples of docs/PLAN_IMPORT.md import as they stand, in the order
// the page gives them, and its mappings read.
func TestDocExamples(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		zone(t, d)
		var kinds []string
		for i, block := range docBlocks(t) {
			lines := strings.Split(strings.TrimSpace(block), "\n")
			name := "example" + string(rune('a'+i)) + ".csv"
			switch h := lines[0]; {
			case strings.HasPrefix(h, "节点,") || strings.HasPrefix(h, "node,"):
				mustIndicators(t, d, 2019, table(t, name, lines...), planio.Mapping{})
				kinds = append(kinds, "indicators")
			case strings.HasPrefix(h, "指标编码,") || strings.HasPrefix(h, "code,"):
				mustFigures(t, d, 2019, table(t, name, lines...), planio.Mapping{})
				kinds = append(kinds, "figures")
			case strings.HasPrefix(h, "{"):
				if _, err := planio.ReadMapping(strings.NewReader(block)); err != nil {
					t.Errorf("the mapping of block %d: %v", i, err)
				}
				kinds = append(kinds, "mapping")
			}
		}
		if got := strings.Join(kinds, " "); got != "indicators indicators figures figures mapping mapping" {
			t.Errorf("examples found: %s", got)
		}
	})
}
