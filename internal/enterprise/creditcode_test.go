package enterprise_test

import (
	"strings"
	"testing"

	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
)

// Published codes of real firms pass; codes an office mistypes fail with a
// message that says what is wrong.
func TestParseCreditCode(t *testing.T) {
	good := []struct{ typed, want string }{
		{"914403001922038216", "914403001922038216"}, // 华为技术有限公司
		{"9144030071526726XG", "9144030071526726XG"}, // 腾讯科技（深圳）有限公司
		{"91330100799655058B", "91330100799655058B"}, // 阿里巴巴（中国）有限公司
		{" 9144 0300 7152 6726 xg ", "9144030071526726XG"},
		{"９１３３０１００７９９６５５０５８Ｂ", "91330100799655058B"}, // full-width, as some input methods type it
	}
	for _, c := range good {
		got, err := enterprise.ParseCreditCode(c.typed)
		if err != nil || got != c.want {
			t.Errorf("ParseCreditCode(%q) = %q, %v; want %q", c.typed, got, err, c.want)
		}
	}
	bad := []struct{ typed, key, zh string }{
		{"", "enterprise.err.code_missing", "请填写统一社会信用代码。"},
		{"91440300192203821", "enterprise.err.code_length", "应为 18 位，现为 17 位"},
		{"9144030019220382I6", "enterprise.err.code_char", "第 17 位“I”不是可用字符"},
		{"9144A3001922038216", "enterprise.err.code_area", "第 3—8 位应为行政区划代码"},
		{"914403001922038217", "enterprise.err.code_check", "按前 17 位应为“6”，填的是“7”"},
		{"914403001922083216", "enterprise.err.code_check", "校验位不对"}, // two digits swapped
	}
	for _, c := range bad {
		_, err := enterprise.ParseCreditCode(c.typed)
		if err == nil || err.Key != c.key || err.Field != "credit_code" {
			t.Errorf("ParseCreditCode(%q) = %v, want %s", c.typed, err, c.key)
			continue
		}
		if msg := err.In(i18n.ZH); !strings.Contains(msg, c.zh) {
			t.Errorf("ParseCreditCode(%q) says %q, want it to say %q", c.typed, msg, c.zh)
		}
	}
	// Every code the check character makes is accepted, and any other
	// last character refused.
	for _, first := range []string{"91370700MA3C4XJ42", "12370700004123456", "Y1370700MA00000AB"} {
		code := first + string(enterprise.CheckChar(first))
		if _, err := enterprise.ParseCreditCode(code); err != nil {
			t.Errorf("%s with its own check character: %v", code, err)
		}
		for _, r := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
			if r != enterprise.CheckChar(first) {
				if _, err := enterprise.ParseCreditCode(first + string(r)); err == nil {
					t.Errorf("%s%c passes with a wrong check character", first, r)
				}
			}
		}
	}
}
