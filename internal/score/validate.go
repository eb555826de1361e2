package score

import (
	"reflect"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a scheme; Item is the code of the item it
// concerns, empty for the scheme as a whole.
type Problem struct {
	Item string
	ZH   string
	EN   string
}

// SchemeError lists every problem of a scheme, so that the assessment
// office can fix them all in one go rather than one per attempt.
type SchemeError struct {
	Problems []Problem
}

func (e *SchemeError) Error() string {
	var b strings.Builder
	b.WriteString("score: invalid scheme")
	for i, p := range e.Problems {
		b.WriteString([]string{": ", "; "}[min(i, 1)])
		if p.Item != "" {
			b.WriteString("item " + p.Item + ": ")
		}
		b.WriteString(p.EN)
	}
	return b.String()
}

// checker collects problems, each tied to the item being checked.
type checker struct {
	item     string
	problems []Problem
}

func (c *checker) add(zh, en string) {
	c.problems = append(c.problems, Problem{Item: c.item, ZH: zh, EN: en})
}

func (c *checker) nonNegative(x Num, zh, en string) {
	if x.Sign() < 0 {
		c.add(zh+"不能为负", en+" must not be negative")
	}
}

// share checks a share of full points, between 0 and 1.
func (c *checker) share(x Num, zh, en string) {
	if x.Sign() < 0 || x.Cmp(one) > 0 {
		c.add(zh+"须在 0 与 1 之间", en+" must lie between 0 and 1")
	}
}

// validate returns a *SchemeError listing every problem of s, or nil.
func validate(s *Scheme) error {
	c := &checker{}
	if len(s.Items) == 0 {
		c.add("方案没有考核指标", "the scheme has no items")
	}
	seen := map[string]bool{}
	for i := range s.Items {
		it := &s.Items[i]
		c.item = it.Code
		if it.Code == "" {
			c.item = "#" + strconv.Itoa(i+1)
			c.add("指标代码为空", "the item code is empty")
		} else if seen[it.Code] {
			c.add("指标代码重复", "the item code is repeated")
		}
		seen[it.Code] = true
		if it.Points.Sign() <= 0 {
			c.add("分值必须大于 0", "full points must be above 0")
		}
		if it.Direction != HigherBetter && it.Direction != LowerBetter {
			c.add("方向无效", "unknown direction")
		}
		if it.Missing != MissingZero && it.Missing != MissingExclude {
			c.add("缺报规则无效", "unknown missing-data policy")
		}
		if isNil(it.Rule) || !known(it.Rule) {
			c.add("未设计分规则或规则未知", "no rule, or an unknown rule")
		} else {
			it.Rule.check(it, c)
		}
	}
	c.item = ""
	checkExtras(s, c)
	checkGrades(s, c, seen)
	if len(c.problems) > 0 {
		return &SchemeError{Problems: c.problems}
	}
	return nil
}

// isNil also catches a nil pointer to a rule, which is not a nil interface
// but would fail the moment a method is called.
func isNil(r Rule) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func checkExtras(s *Scheme, c *checker) {
	c.nonNegative(s.Bonus.City, "市级加分", "city bonus")
	c.nonNegative(s.Bonus.Province, "省级加分", "province bonus")
	c.nonNegative(s.Bonus.National, "国家级加分", "national bonus")
	c.nonNegative(s.Bonus.Cap, "加分上限", "bonus cap")
	if r := s.Deduction.Repeat; !r.IsZero() && r.Cmp(one) < 0 {
		c.add("重复扣分倍数不能小于 1", "the repeat multiplier must be at least 1")
	}
	c.nonNegative(s.Deduction.Cap, "扣分上限", "deduction cap")
	c.nonNegative(s.Veto.SoftPoints, "否决扣分", "soft veto points")
}

func checkGrades(s *Scheme, c *checker, codes map[string]bool) {
	if len(s.Grades) == 1 {
		c.add("等次至少要有两档", "grades need at least two bands")
	}
	for i, g := range s.Grades {
		if g.Name == "" {
			c.add("等次名称为空", "a grade has no name")
		}
		if i > 0 && g.Min.Cmp(s.Grades[i-1].Min) >= 0 {
			c.add("等次分数线重叠或未从高到低排列："+g.Name, "grade bands overlap or are not ordered from the top down: "+g.Name)
		}
	}
	c.share(s.TopQuota, "优秀比例", "top quota")
	if s.TopQuota.Sign() > 0 && len(s.Grades) == 0 {
		c.add("设了优秀比例却没有等次", "a top quota needs grades")
	}
	for _, code := range s.TieBreak {
		if !codes[code] {
			c.add("同分比较的指标不存在："+code, "tie-break item does not exist: "+code)
		}
	}
}
