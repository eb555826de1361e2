package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set by the release build (scripts/release.sh) with
// -ldflags "-X gaoxin/internal/cli.version=…"; a build from source says
// "dev" and what the Go toolchain recorded of the commit.
var version = "dev"

// buildInfo is the version line: gaoxin's version, the commit it was built
// from and whether the tree had changes, the Go version and the platform.
func buildInfo() string {
	commit, when, dirty := "", "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	line := "gaoxin " + version
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		if dirty {
			commit += "+changes"
		}
		line += " (" + commit
		if when != "" {
			line += " " + when
		}
		line += ")"
	}
	return fmt.Sprintf("%s %s %s/%s", line, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func runVersion(e *env) error {
	fs := e.flags("version", "version", "Print gaoxin's version, the commit it was built from, the Go version and the platform.")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, buildInfo())
	return nil
}
