package arch

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// allowed lists, for each package under internal/, the packages of ours it
// may import. A package missing here fails the test until it is added.
var allowed = map[string][]string{
	"arch":          {},
	"db":            {},
	"db/dbtest":     {"db"},
	"xlsx/xlsxtest": {"xlsx"},
	"i18n":          {},
	"config":        {},
	"xlsx":          {"i18n"},
	"progress":      {},
	"assess":        {"score", "i18n", "db", "audit", "org", "plan", "report", "dashboard", "progress", "settings", "xlsx", "quantity", "notify"},
	"score":         {},
	"peers":         {"db", "audit", "i18n", "org", "xlsx", "quantity"},
	"project":       {"db", "audit", "i18n", "org", "plan", "report", "settings", "xlsx", "quantity"},
	"enterprise":    {"db", "audit", "i18n", "org", "plan", "report", "xlsx"},
	"attract":       {"db", "audit", "i18n", "plan", "project", "report", "settings", "xlsx"},
	"notify":        {"db", "audit", "i18n", "settings"},
	"briefing":      {"db", "audit", "i18n", "org", "progress", "report", "dashboard", "assess", "score", "project", "supervise", "xlsx"},
	"supervise":     {"db", "audit", "i18n", "plan", "report", "settings", "assess", "enterprise", "notify", "xlsx"},
	"quantity":      {"i18n"},
	"chart":         {},
	"audit":         {"db"},
	"auditcheck":    {"db", "audit", "org", "auth", "plan", "report", "assess"},
	"org":           {"db", "audit", "i18n", "xlsx"},
	"auth":          {"db", "audit", "org", "i18n"},
	"plan":          {"db", "audit", "i18n"},
	"report":        {"db", "audit", "i18n", "plan", "notify"},
	"settings":      {"db", "audit"},
	"dashboard":     {"db", "org", "plan", "report", "progress", "settings"},
	"gridfile":      {"dashboard", "report", "quantity", "i18n", "xlsx"},
	"planio":        {"db", "audit", "i18n", "org", "plan", "report", "xlsx", "quantity"},
	"demo":          {"db", "audit", "org", "auth", "plan", "report", "settings", "assess", "score", "peers", "project", "enterprise", "attract", "supervise", "briefing", "xlsx"},
	"api":           {"db", "audit", "org", "auth", "i18n", "dashboard", "progress", "project", "settings", "enterprise", "attract", "supervise", "report"},
	"web":           {"db", "audit", "org", "auth", "i18n", "xlsx", "api", "plan", "report", "progress", "dashboard", "settings", "quantity", "chart", "gridfile", "assess", "score", "peers", "project", "enterprise", "attract", "supervise", "notify", "briefing", "auditcheck"},
	"cli":           {"db", "audit", "org", "auth", "i18n", "xlsx", "config", "demo", "web", "dashboard", "plan", "progress", "report", "planio", "assess", "score", "peers", "project", "settings", "enterprise", "attract", "supervise", "notify", "auditcheck"},
	"demo/demotest": {"db", "db/dbtest", "demo"},
	// Tests of these packages may also use the demo and the test databases.
	"browsertest": {"db", "db/dbtest", "demo", "auth", "web", "project", "report", "settings", "audit"},
}

// testExtras may be imported by any package's tests.
var testExtras = []string{"db/dbtest", "demo", "demo/demotest", "audit", "db", "auth", "org", "i18n", "xlsx", "api", "web", "cli",
	"plan", "report", "progress", "dashboard", "settings", "assess", "score", "peers", "project", "planio", "xlsx/xlsxtest"}

func TestImportRules(t *testing.T) {
	const module = "gaoxin/internal/"
	root := ".."
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, root+string(filepath.Separator))))
		rules, known := allowed[pkg]
		if !known {
			t.Errorf("package internal/%s has no import rule: add it to allowed and to docs/ARCHITECTURE.md", pkg)
			return filepath.SkipDir
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		ok := append([]string{}, rules...)
		if strings.HasSuffix(path, "_test.go") {
			ok = append(ok, testExtras...)
		}
		sort.Strings(ok)
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module) {
				continue
			}
			dep := strings.TrimPrefix(p, module)
			if dep == pkg {
				continue
			}
			i := sort.SearchStrings(ok, dep)
			if i == len(ok) || ok[i] != dep {
				t.Errorf("%s imports internal/%s, which internal/%s may not", path, dep, pkg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
