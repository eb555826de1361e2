//go:build !unix

package score

// cpuTime is not measured here; the benchmark then reports 0 CPU per op.
func cpuTime() int64 { return 0 }
