package assess

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// Parse reads a scheme file and checks it through: YAML, the fields it
// knows, numbers, one rule per item, and the engine's own rules (caps,
// slopes, bands). Every problem comes back at once in an
// *i18n.ImportError whose rows are the file's line numbers.
func Parse(name string, data []byte) (*File, score.Scheme, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, score.Scheme{}, syntaxError(name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, score.Scheme{}, syntaxError(name, err)
	}
	lines := itemLines(&root)
	var p problems
	if f.Year < 2000 || f.Year > 2100 {
		p.add(-1, "year", "scheme.err.year")
	}
	if strings.TrimSpace(f.Class) == "" {
		p.add(-1, "class", "scheme.err.class")
	}
	if len(f.Items) == 0 {
		p.add(-1, "items", "scheme.err.no_items")
	}
	s := f.scheme(&p)
	for _, c := range f.Checkpoints {
		if _, ok := PeriodMonth(c.Period); !ok {
			p.add(-1, "checkpoints.period", "scheme.err.period", c.Period)
		}
		if w := p.num(-1, "checkpoints.weight", c.Weight); w.Sign() <= 0 {
			p.add(-1, "checkpoints", "scheme.err.weight", c.Period)
		}
	}
	if len(p.list) == 0 {
		engineProblems(&f, s, &p)
	}
	if len(p.list) > 0 {
		return nil, score.Scheme{}, p.importError(name, &f, lines)
	}
	return &f, s, nil
}

// engineProblems runs the engine's validation on an empty class.
func engineProblems(f *File, s score.Scheme, p *problems) {
	_, err := score.Score(s, nil)
	var se *score.SchemeError
	if !errors.As(err, &se) {
		return
	}
	index := map[string]int{}
	for i, it := range f.Items {
		index[it.Code] = i
	}
	for _, pr := range se.Problems {
		i, ok := index[pr.Item]
		if !ok || pr.Item == "" {
			i = -1
		}
		p.list = append(p.list, problem{item: i, msg: i18n.Text(pr.ZH, pr.EN)})
	}
}

// importError places each problem on its item's line.
func (p *problems) importError(name string, f *File, lines []int) *i18n.ImportError {
	e := &i18n.ImportError{File: name}
	for _, pr := range p.list {
		row, column := 1, pr.field
		if pr.item >= 0 && pr.item < len(lines) {
			row = lines[pr.item]
			column = strings.TrimSpace(f.Items[pr.item].Code + " " + pr.field)
		}
		e.Rows = append(e.Rows, i18n.RowError{Row: row, Column: column, Msg: pr.msg})
	}
	return e
}

// syntaxError places a YAML error on its line, in the catalogue's words:
// the reader's own text is English and names Go types.
func syntaxError(name string, err error) *i18n.ImportError {
	return &i18n.ImportError{File: name, Rows: []i18n.RowError{{Row: lineOf(err), Msg: i18n.M("scheme.err.yaml")}}}
}

// lineOf finds "line N" in a YAML error, 1 when there is none.
func lineOf(err error) int {
	var n int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i+5:], "%d", &n)
	}
	return max(n, 1)
}

// itemLines is the line of each entry of the items list.
func itemLines(root *yaml.Node) []int {
	if root == nil || len(root.Content) == 0 {
		return nil
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "items" {
			var lines []int
			for _, it := range doc.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

// Marshal writes a scheme file in its canonical form: the fields in the
// order of File, two-space indents, numbers as written.
func Marshal(f *File) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# %s\n", f.Name)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
