package score

// writer collects a unit's explanations in two buffers, one per language,
// and remembers where each explanation starts and ends. A unit then costs
// two strings however many explanations it has: each is a slice of them.
// Every number goes through the Format functions' appenders, so that an
// explanation shows exactly what the rounding rule says. A writer that is
// off writes nothing and formats nothing: Score runs the rules with the
// writer off, and Explain runs them again with it on.
type writer struct {
	on     bool
	zh, en text
	spans  []span
	z0, e0 int
	num    [64]byte // a number being formatted, once for both languages
}

type span struct{ z0, z1, e0, e1 int32 }

// text is a buffer that keeps its length beside the slice: writing moves
// an int rather than storing a new slice header, which in a buffer living
// on the heap would cost a GC write barrier per write.
type text struct {
	b []byte
	n int
}

func (t *text) write(s string) {
	if t.n+len(s) > len(t.b) {
		t.grow(len(s))
	}
	t.n += copy(t.b[t.n:], s)
}

func (t *text) grow(k int) {
	b := make([]byte, 2*len(t.b)+k+1024)
	copy(b, t.b[:t.n])
	t.b = b
}

func (w *writer) reset() {
	w.zh.n, w.en.n, w.spans = 0, 0, w.spans[:0]
}

// open starts an explanation; close ends it and returns its index.
func (w *writer) open() { w.z0, w.e0 = w.zh.n, w.en.n }

func (w *writer) close() int {
	if !w.on {
		return -1
	}
	w.spans = append(w.spans, span{int32(w.z0), int32(w.zh.n), int32(w.e0), int32(w.en.n)})
	return len(w.spans) - 1
}

// lit, like every method below, does nothing when the writer is off, and
// is small enough to be inlined: an off writer costs a test, not a call.
func (w *writer) lit(zh, en string) {
	if w.on {
		w.write(zh, en)
	}
}

func (w *writer) write(zh, en string) {
	w.zh.write(zh)
	w.en.write(en)
}

// both writes text that reads the same in both languages, such as a name.
func (w *writer) both(s string) { w.lit(s, s) }

func (w *writer) number(b []byte) {
	if w.zh.n+len(b) > len(w.zh.b) {
		w.zh.grow(len(b))
	}
	if w.en.n+len(b) > len(w.en.b) {
		w.en.grow(len(b))
	}
	w.zh.n += copy(w.zh.b[w.zh.n:], b)
	w.en.n += copy(w.en.b[w.en.n:], b)
}

// Numbers are written in the ways the writer knows, one format each.
const (
	asFigure = iota
	asPoints
	asPercent
	asPoints1 // percentage points, one decimal like ratios
)

func (w *writer) fig(x Num) {
	if w.on {
		w.format(x, asFigure)
	}
}

func (w *writer) pts(x Num) {
	if w.on {
		w.format(x, asPoints)
	}
}

func (w *writer) pct(r Num) {
	if w.on {
		w.format(r, asPercent)
	}
}

func (w *writer) pp(x Num) {
	if w.on {
		w.format(x, asPoints1)
	}
}

func (w *writer) int(i int) {
	if w.on {
		w.format(Int(int64(i)), asFigure)
	}
}

// pctOf and ptsOf write a / b, dividing only when the writer is on: the
// quotient is shown, never scored.
func (w *writer) pctOf(a, b Num) {
	if w.on {
		w.format(a.Quo(b), asPercent)
	}
}

func (w *writer) ptsOf(a, b Num) {
	if w.on {
		w.format(a.Quo(b), asPoints)
	}
}

func (w *writer) format(x Num, as int) {
	b := w.num[:0]
	switch as {
	case asFigure:
		b = appendFigure(b, x)
	case asPoints:
		b = appendPoints(b, x)
	case asPercent:
		b = appendPercent(b, x)
	default:
		b = appendDigits(b, Round(x, 1), 1, true, false)
	}
	w.number(b)
}

// texts ends the unit: the two strings that its explanations slice.
func (w *writer) texts() (zh, en string) { return string(w.zh.b[:w.zh.n]), string(w.en.b[:w.en.n]) }

func (w *writer) get(i int, zh, en string) Explanation {
	s := w.spans[i]
	return Explanation{ZH: zh[s.z0:s.z1], EN: en[s.e0:s.e1]}
}

// eval is what a rule sees of one item for one unit. It lives on the
// stack of the unit's scoring (see dispatch.go).
type eval struct {
	it   *Item
	in   *Input
	w    *writer
	rk   *ranking // the class's places on the item, for Rank
	ui   int      // the unit's index in the class
	last int      // the unit's place last period, 0 when unknown
}

// reason says why an item could not be scored.
type reason int8

const (
	ok reason = iota
	noFigure
	noTarget
	noBaseline
	noStretch
	noRatings
	notAssigned
)

var reasonText = [...]Explanation{
	noFigure:    {"未报送数据", "no figure reported"},
	noTarget:    {"无有效目标（未设或不大于 0）", "no valid target (unset or not above 0)"},
	noBaseline:  {"无上年基数（未报或为 0）", "no last-year baseline (unset or 0)"},
	noStretch:   {"力争目标未设或未优于确保目标", "stretch target unset or not beyond the committed one"},
	noRatings:   {"无评议分", "no ratings"},
	notAssigned: {"本单位无此项考核任务", "not a task of this unit"},
}
