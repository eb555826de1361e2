package progress

import (
	"math/rand/v2"
	"testing"
)

var sink Result

func BenchmarkEvaluate(b *testing.B) {
	in := patentsInput()
	for b.Loop() {
		sink = Evaluate(in)
	}
}

// BenchmarkEvaluateAll evaluates a province's 100,000 assignments for
// November, the heaviest month of the year to date.
func BenchmarkEvaluateAll(b *testing.B) {
	inputs := assignments(100_000, 11)
	for b.Loop() {
		for i := range inputs {
			sink = Evaluate(inputs[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(inputs)), "ns/assignment")
}

// assignments generates n plausible assignments: every kind of semantics,
// direction, frequency and profile, a few months unreported, and last year
// known for two in three.
func assignments(n, month int) []Input {
	rng := rand.New(rand.NewPCG(2019, 11))
	out := make([]Input, n)
	for i := range out {
		in := &out[i]
		in.Semantics = Semantics(rng.IntN(4))
		in.Direction = Direction(rng.IntN(4))
		in.Frequency = Frequency(rng.IntN(3))
		in.Profile.Kind = ProfileKind(rng.IntN(3))
		in.Committed = 100 + rng.Float64()*3000
		in.Stretch = in.Committed * 1.1
		in.Band = [2]float64{in.Committed * 0.9, in.Committed * 1.1}
		in.Month = month
		for m := 1; m <= 12; m++ {
			in.Profile.Months[m-1] = float64(m) * in.Committed / 12
			if m <= month && rng.IntN(20) > 0 {
				in.Series.Set(m, rng.Float64()*in.Committed/6)
			}
		}
		if rng.IntN(3) > 0 {
			ly := each(in.Committed/12, 12)
			in.LastYear = &ly
		}
	}
	return out
}
