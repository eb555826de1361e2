// Package cli is gaoxin's command line: one file per command, each with its
// own flags and help. Run dispatches and returns the exit code: 0 done,
// 1 failed, 2 bad usage.
//
// It imports everything else; nothing imports it but cmd/gaoxin.
package cli
