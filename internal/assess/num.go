package assess

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"gaoxin/internal/score"
)

// Num is a number as the scheme file writes it: "10", "0.2", "-30" or a
// percentage "120%". The text is kept so that a file exports as written.
type Num string

// MarshalYAML writes a plain number unquoted, as a person would type it.
func (n Num) MarshalYAML() (any, error) {
	tag := "!!str"
	if _, err := score.Dec(string(n)); err == nil {
		tag = "!!float"
		if !strings.Contains(string(n), ".") {
			tag = "!!int"
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(n)}, nil
}

// Value is the number; "" is 0 and "120%" is 1.2.
func (n Num) Value() (score.Num, error) {
	text := strings.TrimSpace(string(n))
	if text == "" {
		return score.Num{}, nil
	}
	if pct, ok := strings.CutSuffix(text, "%"); ok {
		v, err := score.Dec(strings.TrimSpace(pct))
		if err != nil {
			return score.Num{}, err
		}
		return v.Quo(score.Int(100)), nil
	}
	return score.Dec(text)
}
