package assess

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// WithPoints returns the scheme file with the full points of the items
// named in points changed, and everything else — comments, order, every
// other value — as it was, so that a draft made in the what-if page reads
// like the office's own file with one number changed.
func WithPoints(body []byte, points map[string]string) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(body, &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("empty scheme file")
	}
	items := mapValue(root.Content[0], "items")
	if items == nil {
		return nil, fmt.Errorf("the scheme file has no items")
	}
	for _, it := range items.Content {
		code := mapValue(it, "code")
		p := mapValue(it, "points")
		if code == nil || p == nil {
			continue
		}
		if v, ok := points[code.Value]; ok {
			p.Value, p.Tag, p.Style = v, "", 0
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// mapValue is the value under key in a YAML mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
