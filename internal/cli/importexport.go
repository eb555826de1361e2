package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

func runImport(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("import", "import units FILE [--dry-run] [--db DSN]",
		"Create or update records from a CSV (UTF-8 or GB18030) or Excel file. All or\nnothing: any problem refuses the whole file and every problem is listed by row\nand column.\n\nKinds: units (columns 编码/code, 名称/name, 类型/kind, 考核类别/class,\n上级编码/parent, 排序/order, 启用/active).")
	cfg.DBFlag(fs)
	dry := fs.Bool("dry-run", false, "check the file and report what would change, save nothing")
	rest, err := e.parse(fs, e.args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return usagef("expected: gaoxin import KIND FILE")
	}
	if rest[0] != "units" {
		return usagef("unknown kind %q: gaoxin can import units", rest[0])
	}
	f, err := os.Open(rest[1])
	if err != nil {
		return err
	}
	defer f.Close()
	table, err := xlsx.Read(rest[1], f)
	if err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	res, err := org.NewStore(d).Import(e.ctx, audit.System, table, *dry)
	if err != nil {
		return err
	}
	verb := "imported"
	if *dry {
		verb = "checked (nothing saved)"
	}
	fmt.Fprintf(e.stdout, "%s %s: %d created, %d updated, %d unchanged\n", filepath.Base(rest[1]), verb, res.Created, res.Updated, res.Unchanged)
	return nil
}

func runExport(e *env) error {
	cfg := defaultConfig()
	fs := e.flags("export", "export units [--format csv|xlsx|json] [-o FILE] [--db DSN]",
		"Write records in the layout import reads. Without -o, writes to standard output.")
	cfg.DBFlag(fs)
	format := fs.String("format", "", "csv, xlsx or json (default: from the -o file's extension, else csv)")
	out := fs.String("o", "", "file to write")
	rest, err := e.parse(fs, e.args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || rest[0] != "units" {
		return usagef("expected: gaoxin export units")
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
	units, err := org.NewStore(d).All(e.ctx)
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
	header, rows := org.ExportTable(units, e.lang)
	switch *format {
	case "xlsx":
		return xlsx.WriteXLSX(w, "units", header, rows)
	case "json":
		list := make([]map[string]string, 0, len(rows))
		for _, r := range rows {
			m := map[string]string{}
			for i, h := range header {
				m[h] = r[i]
			}
			list = append(list, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	return xlsx.WriteCSV(w, header, rows)
}
