package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gaoxin/internal/db"
	"gaoxin/internal/xlsx"
)

// ImportOptions are the flags every import shares.
type importOptions struct {
	Dry      bool
	Year     int
	Encoding string
	Map      string // a JSON mapping file for a file not in gaoxin's layout (indicators, figures)
}

// importKind is one kind of file gaoxin imports. Each lives in a file of
// its own and registers itself in importKinds.
type importKind struct {
	columns string // the columns, for help
	run     func(e *env, d *db.DB, t *xlsx.Table, opt importOptions) (summary string, err error)
	// file, when set, takes the file to open as its store does.
	file func(e *env, d *db.DB, f xlsx.File, opt importOptions) (summary string, err error)
	// raw, when set, takes the file's bytes instead of a table (YAML).
	raw func(e *env, d *db.DB, name string, body []byte, opt importOptions) (summary string, err error)
}

// exportKind is one kind of record gaoxin exports as a table.
type exportKind struct {
	run func(e *env, d *db.DB, year int) (header []string, rows [][]string, err error)
	// raw, when set, writes a file of its own format instead of a table.
	raw func(e *env, d *db.DB, year int, class string) ([]byte, error)
}

var (
	importKinds = map[string]importKind{}
	exportKinds = map[string]exportKind{}
)

func kindNames[T any](m map[string]T) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func importHelp() string {
	var b strings.Builder
	b.WriteString("Create or update records from a CSV (UTF-8, GB18030 or, with --encoding, Windows-1252)\nor Excel file. All or nothing: any problem refuses the whole file and every problem\nis listed by row and column.\n\nKinds:")
	names := strings.Split(kindNames(importKinds), ", ")
	for _, n := range names {
		fmt.Fprintf(&b, "\n  %s: %s", n, importKinds[n].columns)
	}
	return b.String()
}

func runImport(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("import", "import KIND FILE [--dry-run] [--year Y] [--encoding E] [--map FILE] [--db DSN]", importHelp())
	cfg.DBFlag(fs)
	var opt importOptions
	fs.BoolVar(&opt.Dry, "dry-run", false, "check the file and report what would change, save nothing")
	fs.IntVar(&opt.Year, "year", 0, "the plan year the file belongs to (plans and figures)")
	fs.StringVar(&opt.Encoding, "encoding", "auto", "text encoding of a CSV file: auto, utf-8, gb18030 or windows-1252")
	fs.StringVar(&opt.Map, "map", "", "a JSON file mapping another layout's columns and values onto gaoxin's (indicators, figures; see docs/PLAN_IMPORT.md)")
	rest, err := e.parse(fs, e.args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return usagef("expected: gaoxin import KIND FILE")
	}
	kind, ok := importKinds[rest[0]]
	if !ok {
		return usagef("unknown kind %q: gaoxin can import %s", rest[0], kindNames(importKinds))
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	summary, err := importFile(e, d, kind, rest[1], opt)
	if err != nil {
		return err
	}
	verb := "imported"
	if opt.Dry {
		verb = "checked (nothing saved)"
	}
	fmt.Fprintf(e.stdout, "%s %s: %s\n", filepath.Base(rest[1]), verb, summary)
	return nil
}

// importFile reads the file as its kind wants it and imports it.
func importFile(e *env, d *db.DB, kind importKind, path string, opt importOptions) (string, error) {
	if kind.raw != nil {
		body, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		return kind.raw(e, d, filepath.Base(path), body, opt)
	}
	// The file is read from disk a row at a time, never held whole.
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	if kind.file != nil {
		return kind.file(e, d, xlsx.File{Name: filepath.Base(path), Data: f, Size: info.Size()}, opt)
	}
	table, err := xlsx.Stream(xlsx.File{Name: path, Data: f, Size: info.Size()}, opt.Encoding)
	if err != nil {
		return "", err
	}
	defer table.Close()
	return kind.run(e, d, table, opt)
}

func runExport(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("export", "export KIND [--year Y] [--format csv|xlsx|json] [-o FILE] [--db DSN]",
		"Write records as a table. Without -o, writes to standard output.\nKinds: "+kindNames(exportKinds)+".")
	cfg.DBFlag(fs)
	format := fs.String("format", "", "csv, xlsx or json (default: from the -o file's extension, else csv)")
	out := fs.String("o", "", "file to write")
	year := fs.Int("year", 0, "the year (indicators, scheme)")
	class := fs.String("class", "", "the assessment class (scheme), e.g. 经济发展类")
	rest, err := e.parse(fs, e.args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("expected: gaoxin export KIND")
	}
	kind, ok := exportKinds[rest[0]]
	if !ok {
		return usagef("unknown kind %q: gaoxin can export %s", rest[0], kindNames(exportKinds))
	}
	if *format == "" {
		*format = strings.TrimPrefix(filepath.Ext(*out), ".")
		if *format == "" {
			*format = "csv"
		}
	}
	if *format != "csv" && *format != "xlsx" && *format != "json" {
		return usagef("unknown format %q: use csv, xlsx or json", *format)
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if kind.raw != nil {
		body, err := kind.raw(e, d, *year, *class)
		if err != nil {
			return err
		}
		return writeOut(e, *out, body)
	}
	header, rows, err := kind.run(e, d, *year)
	if err != nil {
		return err
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	return writeTable(w, *format, rest[0], header, rows)
}

// writeTable writes a table as CSV, an Excel sheet, or JSON objects keyed
// by the header.
func writeTable(w io.Writer, format, sheet string, header []string, rows [][]string) error {
	switch format {
	case "xlsx":
		return xlsx.WriteXLSX(w, sheet, header, rows)
	case "json":
		list := make([]map[string]string, 0, len(rows))
		for _, r := range rows {
			m := map[string]string{}
			for i, h := range header {
				if i < len(r) {
					m[h] = r[i]
				}
			}
			list = append(list, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	return xlsx.WriteCSV(w, header, rows)
}

// writeOut writes a whole file to path, or to standard output.
func writeOut(e *env, path string, body []byte) error {
	if path == "" {
		_, err := e.stdout.Write(body)
		return err
	}
	return os.WriteFile(path, body, 0o644)
}
