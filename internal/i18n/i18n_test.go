package i18n

import (
	"sort"
	"strings"
	"testing"
)

func TestCataloguesMatch(t *testing.T) {
	for _, pair := range [][2]Lang{{ZH, EN}, {EN, ZH}} {
		var missing []string
		for _, k := range Keys(pair[0]) {
			if !Has(pair[1], k) {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s has keys that %s lacks: %s", pair[0], pair[1], strings.Join(missing, ", "))
		}
	}
}

func TestFormatVerbsMatch(t *testing.T) {
	for _, k := range Keys(ZH) {
		if zh, en := strings.Count(zh[k], "%"), strings.Count(en[k], "%"); zh != en {
			t.Errorf("%s: Chinese has %d format verbs, English %d", k, zh, en)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	cases := map[string]Lang{"": ZH, "zh-CN,zh;q=0.9": ZH, "en-US,en;q=0.8": EN, "fr-FR, en;q=0.5": EN, "de": ZH}
	for header, want := range cases {
		if got := FromAcceptLanguage(header); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", header, got, want)
		}
	}
	if Parse("en_US.UTF-8") != EN || Parse("zh_CN.UTF-8") != ZH || Parse("xx") != ZH {
		t.Error("Parse does not read locales")
	}
}

func TestRowErrors(t *testing.T) {
	e := &ImportError{File: "units.xlsx", Rows: []RowError{
		{Sheet: "单位", Row: 3, Column: "类型", Msg: M("unit.err.kind_value", "车间")},
		{Row: 7, Msg: M("import.no_rows")},
	}}
	zhText := e.In(ZH)
	for _, want := range []string{"文件 units.xlsx 未导入（共 2 处问题", "工作表“单位”第 3 行“类型”列：“车间”不是单位类型", "第 7 行：文件中没有数据行。"} {
		if !strings.Contains(zhText, want) {
			t.Errorf("Chinese import error lacks %q:\n%s", want, zhText)
		}
	}
	if enText := e.In(EN); !strings.Contains(enText, "sheet “单位”, row 3, column “类型”: “车间” is not a kind of unit") {
		t.Errorf("English import error:\n%s", enText)
	}
	if got := T(ZH, "no.such.key"); got != "[no.such.key]" {
		t.Errorf("missing key shows as %q", got)
	}
}
