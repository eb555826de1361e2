//go:build unix

package score

import "syscall"

// cpuTime returns the CPU time the process has used, in nanoseconds, so
// that the benchmark can report CPU per op: a figure that stays meaningful
// on a machine busy with other work, where wall time does not.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
